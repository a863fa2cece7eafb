using QuantumFlow.Cli;
using QuantumFlow.Training;

return await CliProgram.RunAsync(TrainingTool.Root(), TrainingTool.Verbose, args);
