namespace QuantumFlow.Inspection.Protocol;

/// <summary>Server to client, last for each request: the exit code (<see cref="ExitCodes"/>) and, on failure, why.</summary>
public sealed record EndFrame(long Id, int Exit, string? Error) : InspectionFrame(Id);
