using System.CommandLine;

namespace QuantumFlow.Host.Cli;

/// <summary>
/// <c>quantumflow train</c> says where training is: its own executable (src/QuantumFlow.Training), the only one that
/// carries libtorch, so the node and its image do not. Any arguments are accepted, so the answer is always this line.
/// </summary>
public static class MovedTrainCommand
{
    public const string Message = "training is its own tool, so the node carries no libtorch: run `quantumflow-train` with the same flags "
        + "(from the repository: dotnet run --project src/QuantumFlow.Training -c Release -- --data ...)";

    public static Command Create()
    {
        var command = new Command("train", "Moved: train with quantumflow-train (src/QuantumFlow.Training), same flags.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(parse => CliErrors.Report(parse.InvocationConfiguration.Error, Message));
        return command;
    }
}
