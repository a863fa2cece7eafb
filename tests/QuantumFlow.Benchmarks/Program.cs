using BenchmarkDotNet.Running;
using QuantumFlow.Benchmarks.Load;

// `load ...` runs a load harness (whole actor system, wall-clock throughput); anything else goes to BenchmarkDotNet.
if (args is ["load", "backtest", ..]) return QuantumFlow.Benchmarks.Load.BacktestLoad.Run(args[2..]);
if (args.Length > 0 && args[0] == "load") return await LoadHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "web") return await QuantumFlow.Benchmarks.Load.WebLoad.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "prediction") return await QuantumFlow.Benchmarks.Load.PredictionLoad.RunAsync(args[1..]);
if (args is ["alloc-loop"])
{
    var events = QuantumFlow.Benchmarks.Load.PredictionLoad.Decode(QuantumFlow.Benchmarks.RecordedLines.BtcUsdm2024);
    for (int rep = 0; rep < 3; rep++)
    {
        var replica = new QuantumFlow.Models.Features.FeatureReplica(QuantumFlow.Models.Market.Venue.BinanceUsdm, "BTCUSDT");
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var e in events) replica.Apply(e);
        Console.WriteLine($"replica: {(GC.GetAllocatedBytesForCurrentThread() - before) / (double)events.Count:F0} B per event over {events.Count}");
        var options = new QuantumFlow.Actors.Prediction.PredictionOptions { TrainedModels = [.. QuantumFlow.Models.Torch.TorchSequenceModel.LoadAll("models").Select(QuantumFlow.Models.Torch.Inference.CompiledModels.From)] };
        var book = options.CreatePredictor(QuantumFlow.Models.Market.Venue.BinanceUsdm, "BTCUSDT", copyWindows: false);
        var replay = new QuantumFlow.Models.Backtest.PredictionReplay(book);
        before = GC.GetAllocatedBytesForCurrentThread();
        int n = 0;
        foreach (var e in events) if (replay.Step(e) is not null) n++;
        Console.WriteLine($"predictor: {(GC.GetAllocatedBytesForCurrentThread() - before) / (double)n:F0} B per prediction over {n}");
    }
    return 0;
}
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
