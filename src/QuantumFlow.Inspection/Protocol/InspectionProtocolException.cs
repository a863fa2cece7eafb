namespace QuantumFlow.Inspection.Protocol;

/// <summary>A line that is not a frame of the inspection protocol, or one longer than the limit.</summary>
public sealed class InspectionProtocolException(string message) : Exception(message);
