using BenchmarkDotNet.Running;
using QuantumFlow.Benchmarks.Load;

// `load ...` runs a load harness (whole actor system, wall-clock throughput); anything else goes to BenchmarkDotNet.
if (args is ["load", "backtest", ..]) return QuantumFlow.Benchmarks.Load.BacktestLoad.Run(args[2..]);
if (args.Length > 0 && args[0] == "load") return await LoadHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "web") return await QuantumFlow.Benchmarks.Load.WebLoad.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "prediction") return await QuantumFlow.Benchmarks.Load.PredictionLoad.RunAsync(args[1..]);
if (args is ["inference-loop", ..])
{
    foreach (string model in args[1..])
    {
        var b = new QuantumFlow.Benchmarks.InferenceBenchmarks { Model = model };
        b.Setup();
        double best = double.MaxValue;
        for (int rep = 0; rep < 15; rep++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < 100; i++) b.PerBook();
            best = Math.Min(best, sw.Elapsed.TotalMicroseconds / 10_000);
        }
        Console.WriteLine($"{model}: best {best:F2} us per prediction");
    }
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
