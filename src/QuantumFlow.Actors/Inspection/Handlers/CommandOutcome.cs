using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>How a command ended: an <see cref="ExitCodes"/> value and, unless it succeeded, a sentence saying why.</summary>
public sealed record CommandOutcome(int Exit, string? Error)
{
    public static readonly CommandOutcome Ok = new(ExitCodes.Ok, null);

    public static CommandOutcome Failed(string why) => new(ExitCodes.Failed, why);
}
