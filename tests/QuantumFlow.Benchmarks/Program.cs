using BenchmarkDotNet.Running;
using QuantumFlow.Benchmarks.Load;

// `load ...` runs a load harness (whole actor system, wall-clock throughput); anything else goes to BenchmarkDotNet.
if (args is ["load", "backtest", ..]) return QuantumFlow.Benchmarks.Load.BacktestLoad.Run(args[2..]);
if (args.Length > 0 && args[0] == "load") return await LoadHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "web") return await QuantumFlow.Benchmarks.Load.WebLoad.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "prediction") return await QuantumFlow.Benchmarks.Load.PredictionLoad.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
