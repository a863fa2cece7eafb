using System.CommandLine;
using QuantumFlow.Host.Cli;

var root = new RootCommand("QuantumFlow: exact order books, microstructure features and mid-price predictions for crypto venues.");
root.Subcommands.Add(BookCommand.Create());
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
return await root.Parse(args).InvokeAsync();
