using QuantumFlow.Actors.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary><c>predictions tail</c>: nothing predicts yet; the command fails at once and says so instead of waiting for ever.</summary>
public sealed class PredictionsPalette : IPaletteHandler
{
    public string Palette => "predictions";

    public Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel) =>
        Task.FromResult(CommandOutcome.Failed(
            $"predictions for {call.Require("symbol")} are not available: prediction actors are not part of this build yet"));
}
