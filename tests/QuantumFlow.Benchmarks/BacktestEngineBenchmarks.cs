using BenchmarkDotNet.Attributes;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Backtest.Strategies;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Benchmarks;

/// <summary>
/// The backtest engine's own cost per replay step, the prediction replay excluded: the shipped sample (Binance USD-M
/// BTCUSDT, 8 minutes) is decoded and run through the Bayesian predictor once in setup, then the steps (events with
/// their predictions) are replayed through the engine. EngineOnly runs one strategy that never trades (book replica,
/// simulator hooks, 1-s sampling, signal scoring); AllStrategies runs the verb's default set of seven rows.
/// </summary>
[MemoryDiagnoser]
public class BacktestEngineBenchmarks
{
    // Steps of the sample's BTCUSDT book; OperationsPerInvoke needs a constant, Setup checks it.
    private const int Steps = 71_984;

    private List<ReplayStep> _steps = null!;

    [GlobalSetup]
    public void Setup()
    {
        string root = RepoRoot();
        string[] files = [Path.Combine(root, "data", "samples", "btcusdt_20240718.gz"), Path.Combine(root, "data", "samples", "btcusdt_20240719.gz")];
        using IRecordingReader reader = RecordingFormat.Open(files);
        var decoder = new FeedDecoder(reader.Venue);
        var events = new List<MarketEvent>();
        while (reader.TryRead(out RecordedPayload p))
        {
            if (p.Kind == PayloadKind.Connected) decoder.OnConnected(p.ReceiveTimeNs, "reconnected", events);
            else decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, events);
        }
        var options = new PredictionOptions();
        var features = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT", options.Features);
        var predictor = new EnsemblePredictor(features.Engine.Schema, [.. options.Learners.Select(o => new DirichletStateModel(o))], [], 1, options.Labels, options.Ensemble);
        _steps = [];
        foreach (MarketEvent e in events.Where(e => e.BookId == "binance-usdm:BTCUSDT"))
        {
            CompletedPrediction? prediction = null;
            if (features.Apply(e) is { } v && predictor.Observe(v) is { } pending) prediction = predictor.Finish(pending);
            _steps.Add(new ReplayStep(e, prediction));
        }
        if (_steps.Count != Steps) throw new InvalidOperationException($"the sample has {_steps.Count} steps, not {Steps}: update the constant");
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public long EngineOnly() => Run([new DirectionalTaker(new TakerOptions { Signal = SignalSource.None })]);

    [Benchmark(OperationsPerInvoke = Steps)]
    public long AllStrategies() => Run(
    [
        new DirectionalTaker(new TakerOptions { ConfidenceThreshold = 0.5 }),
        new DirectionalTaker(new TakerOptions { ConfidenceThreshold = 0.6 }),
        new DirectionalTaker(new TakerOptions { ConfidenceThreshold = 0.7 }),
        new MarketMaker(),
        new ExecutionStrategy(new ExecutionOptions { UsePredictions = true }),
        new ExecutionStrategy(new ExecutionOptions { UsePredictions = false }),
        new DirectionalTaker(new TakerOptions { Signal = SignalSource.Random }, "baseline"),
    ]);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuantumFlow.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("repository root (QuantumFlow.sln) not found above " + AppContext.BaseDirectory);
    }

    private long Run(IStrategy[] strategies)
    {
        var engine = new BacktestEngine(new BacktestOptions(), strategies);
        foreach (ReplayStep s in _steps) engine.Step(s);
        return engine.Finish("benchmark").Rows.Sum(r => r.Trades);
    }
}
