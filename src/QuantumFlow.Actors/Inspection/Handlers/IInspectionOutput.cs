namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>Where a command handler writes its answer; the server turns each call into a frame for the client.</summary>
public interface IInspectionOutput
{
    Task TableAsync(string title, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<object?>> rows);
    Task NoteAsync(string text);
    /// <summary>One row of a streaming command.</summary>
    Task RowAsync(IReadOnlyList<string> columns, IReadOnlyList<object?> values);
}
