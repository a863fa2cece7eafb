using QuantumFlow.Actors.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary><c>ensemble weights</c>: the ensemble does not exist yet; the command fails and says so.</summary>
public sealed class EnsemblePalette : IPaletteHandler
{
    public string Palette => "ensemble";

    public Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel) =>
        Task.FromResult(CommandOutcome.Failed(
            $"ensemble weights for {call.Require("symbol")} are not available: the ensemble (EnsembleActor) is not part of this build yet"));
}
