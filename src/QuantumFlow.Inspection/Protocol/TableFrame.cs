namespace QuantumFlow.Inspection.Protocol;

/// <summary>
/// Server to client: a titled table. Cells are strings, whole numbers, doubles, booleans or null, so the JSON output
/// keeps their types; prices and quantities travel as exact decimal strings.
/// </summary>
public sealed record TableFrame(long Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows) : InspectionFrame(Id);
