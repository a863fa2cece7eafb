using QuantumFlow.Actors.Outputs;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// <c>predictions tail -s SYMBOL</c>: every prediction the book makes, wherever in the cluster it lives, until the
/// client stops. Rows come from the cluster-wide prediction topic through a latest-wins queue, so a slow terminal
/// drops rows (and says how many) rather than holding anything up.
/// </summary>
public sealed class PredictionsPalette(InspectionContext context) : IPaletteHandler
{
    public static readonly string[] Columns = ["time", "sequence", "predicted", "confidence", "down", "flat", "up", "models", "latency-ms"];

    public string Palette => "predictions";

    public async Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel)
    {
        string entityId = await new BookDirectory(context).ResolveAsync(call.Require("symbol"));
        using var stream = OutputStream.Subscribe(context.System, [Topics.Predictions], capacity: 256);
        await stream.Ready.WaitAsync(context.AskTimeout, cancel);
        await output.NoteAsync($"predictions of {entityId} as they are made (Ctrl+C stops)");
        long dropped = 0;
        try
        {
            await foreach (object item in stream.Reader.ReadAllAsync(cancel))
            {
                if (item is not PredictionEvent p || p.EntityId != entityId) continue;
                if (stream.Dropped > dropped)
                {
                    await output.NoteAsync($"{stream.Dropped - dropped} prediction(s) of the cluster skipped: this terminal fell behind");
                    dropped = stream.Dropped;
                }
                await output.RowAsync(Columns, Row(p));
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client stopped the tail: the normal end of a stream.
        }
        return CommandOutcome.Ok;
    }

    public static IReadOnlyList<object?> Row(PredictionEvent p) =>
    [
        BookPalette.Time(p.TimeNs), p.Sequence, p.Predicted.ToString(), Math.Round(p.Confidence, 4), Math.Round(p.Down, 4), Math.Round(p.Flat, 4), Math.Round(p.Up, 4),
        string.Join(" ", p.Models.Select(m => $"{m.Name}={m.Down:F2}/{m.Flat:F2}/{m.Up:F2}@{m.Weight:F2}")),
        Math.Round(p.LatencyNs / 1e6, 3),
    ];
}
