using System.CommandLine;
using QuantumFlow.Host.Cli;

var root = new RootCommand("QuantumFlow: exact order books, microstructure features and mid-price predictions for crypto venues.");
root.Subcommands.Add(BookCommand.Create());
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(FeaturesCommand.Create());
return await root.Parse(args).InvokeAsync();
