using QuantumFlow.Actors.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary><c>model list</c>: no model host exists yet, so the answer is an empty list that says so.</summary>
public sealed class ModelPalette : IPaletteHandler
{
    public string Palette => "model";

    public async Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel)
    {
        await output.TableAsync("models", ["model", "kind", "symbols", "batch", "latency-ms"], []);
        await output.NoteAsync("no models: prediction models (ModelHost actors) are not part of this build yet");
        return CommandOutcome.Ok;
    }
}
