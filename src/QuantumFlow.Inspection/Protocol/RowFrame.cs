namespace QuantumFlow.Inspection.Protocol;

/// <summary>Server to client: one row of a streaming command's output (one event of a tail).</summary>
public sealed record RowFrame(long Id, IReadOnlyList<string> Columns, IReadOnlyList<object?> Values) : InspectionFrame(Id);
