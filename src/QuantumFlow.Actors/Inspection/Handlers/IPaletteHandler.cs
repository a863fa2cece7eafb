using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>Runs the commands of one palette: a plain class that asks the actor system and writes what it learns.</summary>
public interface IPaletteHandler
{
    string Palette { get; }

    /// <exception cref="CommandUsageException">a switch value the handler cannot use.</exception>
    Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel);
}
