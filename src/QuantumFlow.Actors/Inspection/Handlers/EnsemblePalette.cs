using Akka.Actor;
using Akka.Hosting;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// <c>ensemble weights -s SYMBOL</c>: the weight the book's ensemble gave each model in its latest prediction (weights
/// move only as labels resolve), with what each model said then, asked of the book's predictor wherever it lives.
/// </summary>
public sealed class EnsemblePalette(InspectionContext context) : IPaletteHandler
{
    public static readonly string[] Columns = ["model", "version", "weight", "down", "flat", "up"];

    public string Palette => "ensemble";

    public async Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel)
    {
        if (!context.Registry.TryGet<BookRegion>(out IActorRef region))
            return CommandOutcome.Failed("this node has no book region (or proxy)");
        string entityId = await new BookDirectory(context).ResolveAsync(call.Require("symbol"));
        object answer;
        try
        {
            answer = await ShardedAsk.AskAsync<object>(region, new GetPrediction(entityId), $"the book {entityId}", ShardedAsk.InspectionDeadline, cancel);
        }
        catch (InvalidOperationException)
        {
            return CommandOutcome.Failed($"{entityId} does not predict: prediction is off on the node that hosts it");
        }
        if (answer is not PredictionEvent p)
            return CommandOutcome.Failed($"{entityId} has made no prediction yet (no valid book since it started, prediction off, or its models have not answered)");
        await output.TableAsync($"ensemble of {entityId}", Columns,
            p.Models.Select(m => (IReadOnlyList<object?>)[m.Name, m.Version, Math.Round(m.Weight, 4), Math.Round(m.Down, 4), Math.Round(m.Flat, 4), Math.Round(m.Up, 4)]).ToList());
        await output.NoteAsync($"as of prediction {p.Sequence} at {BookPalette.Time(p.TimeNs)}: {p.Predicted} with confidence {p.Confidence:F3}");
        return CommandOutcome.Ok;
    }
}
