using QuantumFlow.Actors.Inspection.Handlers;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Actors.Inspection.Server;

/// <summary>A handler's output as frames of one request on one connection.</summary>
public sealed class FrameOutput(FrameWriter writer, long id, CancellationToken cancel) : IInspectionOutput
{
    public Task TableAsync(string title, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<object?>> rows) =>
        writer.WriteAsync(new TableFrame(id, title, columns, rows), cancel);

    public Task NoteAsync(string text) => writer.WriteAsync(new NoteFrame(id, text), cancel);

    public Task RowAsync(IReadOnlyList<string> columns, IReadOnlyList<object?> values) =>
        writer.WriteAsync(new RowFrame(id, columns, values), cancel);
}
