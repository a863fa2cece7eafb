using System.CommandLine;
using QuantumFlow.Host.Cli;

return await CliProgram.RunAsync(Program.Root(), Program.Verbose, args);

internal partial class Program
{
    public static readonly Option<bool> Verbose = CliProgram.VerboseOption();

    /// <summary>Every verb, one line each; tests parse the deployment files' command lines with this same root.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("QuantumFlow: exact order books, microstructure features and mid-price predictions for crypto venues.");
        root.Options.Add(Verbose);
        root.Subcommands.Add(BookCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(FeaturesCommand.Create());
        root.Subcommands.Add(PbmCommand.Create());
        root.Subcommands.Add(MovedTrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(EsgCommand.Create());
        return root;
    }
}
