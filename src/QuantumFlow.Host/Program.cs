using System.CommandLine;
using QuantumFlow.Host.Cli;

ParseResult parsed = Program.Root().Parse(args);
CliErrors.Verbose = parsed.GetValue(Program.Verbose);
return await parsed.InvokeAsync();

internal partial class Program
{
    /// <summary>On every verb: a reported error is followed by the exception behind it (never needed to understand one).</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "After an error line, print the exception behind it (for a bug report).", Recursive = true };

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
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(EsgCommand.Create());
        return root;
    }
}
