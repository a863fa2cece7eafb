using BenchmarkDotNet.Attributes;
using QuantumFlow.Benchmarks.Load;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Torch;
using QuantumFlow.Models.Torch.Inference;

namespace QuantumFlow.Benchmarks;

/// <summary>
/// One shipped checkpoint predicting for 100 books, each book a live window that gets its next real feature row
/// (the recorded BTCUSDT session, every book at another offset) before each prediction, as the live path does.
/// Per prediction (OperationsPerInvoke): torch with the 100 windows as one batch (what a model actor sends under
/// load), the exported network's window path window by window with its row cache, and each book's own state of the
/// exported network fed the row once (what the live path runs). Run from the repository root:
/// dotnet run -c Release --project tests/QuantumFlow.Benchmarks -- --filter '*InferenceBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private const int Books = 100;

    private double[][] _rows = [];
    private FeatureWindow[] _windows = [];
    private int[] _next = [];
    private TorchSequenceModel _torch = null!;
    private NeuralSequenceModel _exported = null!;
    private IBookModelState[] _states = [];
    private readonly ClassProbabilities[] _results = new ClassProbabilities[Books];

    [Params("lstm", "attention-lstm", "transformer")]
    public string Model { get; set; } = "lstm";

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize(threads: 1);
        _torch = TorchSequenceModel.Load(ModelsDirectory(), Model);
        _exported = CompiledModels.From(_torch);
        var replica = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        int valid = replica.Engine.Schema.IndexOf(FeatureNames.BookValid);
        var rows = new List<double[]>();
        foreach (MarketEvent e in PredictionLoad.Decode(RecordedLines.BtcUsdm2024))
        {
            if (replica.Apply(e) is { } v && v[valid] == 1) rows.Add(v.Values.ToArray());
        }
        _rows = [.. rows];
        _windows = [.. Enumerable.Range(0, Books).Select(_ => new FeatureWindow(replica.Engine.Schema.Names, _torch.WindowLength))];
        _next = [.. Enumerable.Range(0, Books).Select(b => b * (_rows.Length / Books))];
        _states = [.. Enumerable.Range(0, Books).Select(_ => _exported.Follow(replica.Engine.Schema.Names))];
        for (int b = 0; b < Books; b++)
        {
            for (int i = _torch.WindowLength; i > 0; i--) _states[b].Push(_rows[(_next[b] - i + _rows.Length) % _rows.Length]);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _torch.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Books)]
    public double TorchBatchOf100()
    {
        Advance();
        _torch.PredictBatch(_windows, _results);
        return _results[0].Up;
    }

    [Benchmark(OperationsPerInvoke = Books)]
    public double Exported()
    {
        Advance();
        double sum = 0;
        for (int b = 0; b < Books; b++) sum += _exported.Predict(_windows[b]).Up;
        return sum;
    }

    /// <summary>What the live path runs: each book's own state of the exported network, fed the book's next row once.</summary>
    [Benchmark(OperationsPerInvoke = Books)]
    public double PerBook()
    {
        double sum = 0;
        for (int b = 0; b < Books; b++)
        {
            _states[b].Push(_rows[_next[b]]);
            _next[b] = (_next[b] + 1) % _rows.Length;
            sum += _states[b].Predict().Up;
        }
        return sum;
    }

    private void Advance()
    {
        for (int b = 0; b < Books; b++)
        {
            _windows[b].Push(_rows[_next[b]]);
            _next[b] = (_next[b] + 1) % _rows.Length;
        }
    }

    private static string ModelsDirectory()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string models = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(dir.FullName, "QuantumFlow.sln")) && Directory.Exists(models)) return models;
        }
        throw new DirectoryNotFoundException("run from inside the repository: models/ not found");
    }
}
