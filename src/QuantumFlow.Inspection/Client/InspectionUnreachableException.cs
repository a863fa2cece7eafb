namespace QuantumFlow.Inspection.Client;

/// <summary>No inspection host answered at the endpoint, or what answered did not speak its protocol.</summary>
public sealed class InspectionUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
