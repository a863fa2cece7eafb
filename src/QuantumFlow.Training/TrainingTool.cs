using System.CommandLine;
using QuantumFlow.Cli;

namespace QuantumFlow.Training;

/// <summary><c>quantumflow-train</c>: the tool is the train verb itself, with the flags <c>quantumflow train</c> had.</summary>
public static class TrainingTool
{
    public static readonly Option<bool> Verbose = CliProgram.VerboseOption();

    /// <summary>The command line the executable parses; tests parse with this same root.</summary>
    public static RootCommand Root()
    {
        RootCommand root = TrainCommand.Create();
        root.Options.Add(Verbose);
        return root;
    }
}
