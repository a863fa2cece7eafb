namespace QuantumFlow.Inspection.Protocol;

/// <summary>Client to server: stop the running command (a tail); the server answers with its <see cref="EndFrame"/>.</summary>
public sealed record CancelFrame(long Id) : InspectionFrame(Id);
