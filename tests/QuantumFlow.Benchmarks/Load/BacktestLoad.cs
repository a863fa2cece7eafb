using System.Diagnostics;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Torch;
using QuantumFlow.Models.Torch.Inference;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Benchmarks.Load;

/// <summary>
/// `load backtest [MODELS-DIR] [REPEATS] [--torch]`: every shared recording the project reads, replayed through
/// <see cref="PredictionReplay"/> (one per book, as <see cref="RecordingReplaySource"/> does), once with the online
/// Bayesian learners only and once with the full ensemble (the checkpoints in MODELS-DIR as `run` loads them: the
/// exported networks, <see cref="CompiledModels"/>; with --torch also the Torch modules themselves, padded by
/// <see cref="FixedBatchModel"/>). The events are decoded into memory first, so the figure is
/// the replay path (book, features, models, ensemble, labels); the decode is timed separately. Best of REPEATS. Steps
/// without a prediction are not built (everyEvent false), as a strategy that acts only on predictions would ask.
/// </summary>
public static class BacktestLoad
{
    /// <summary>The shared sessions (files of one session together), relative to ../shared/data.</summary>
    private static readonly string[][] Sessions =
    [
        ["binance-hftbacktest/usdm/btcusdt_20230404.dat.gz", "binance-hftbacktest/usdm/btcusdt_20230405.dat.gz"],
        ["binance-hftbacktest/spot/btcusdt_20230405.dat.gz"],
        ["binance-hftbacktest/usdm/btcusdt_20240718.gz", "binance-hftbacktest/usdm/btcusdt_20240719.gz"],
        ["binance-hftbacktest/usdm/ethusdt_20240718.gz", "binance-hftbacktest/usdm/ethusdt_20240719.gz"],
        ["cryptofeed/v3_jsonl/BINANCE.jsonl.zst"],
        ["cryptofeed/v3_jsonl/BINANCE_FUTURES.jsonl.zst"],
        ["cryptofeed/v3_jsonl/BINANCE_DELIVERY.jsonl.zst"],
        ["cryptofeed/v3_jsonl/COINBASE.jsonl.zst"],
        ["cryptofeed/legacy_raw/COINBASE.ws.28.0"],
    ];

    public static int Run(string[] args)
    {
        string modelsDir = args.Length > 0 ? args[0] : "models";
        int repeats = args.Length > 1 ? int.Parse(args[1]) : 3;
        var clock = Stopwatch.StartNew();
        List<List<MarketEvent>> sessions = [];
        foreach (string[] files in Sessions)
        {
            string[] paths = [.. files.Select(RecordedLines.Shared)];
            try
            {
                sessions.Add(Decode(paths));
            }
            catch (Exception e) when (e is MarketDataException or NotSupportedException or InvalidDataException)
            {
                Console.WriteLine($"skipped {string.Join(" + ", files)}: {e.Message}");
            }
        }
        long events = sessions.Sum(s => (long)s.Count);
        Console.WriteLine($"decoded {sessions.Count} sessions, {events:N0} events in {clock.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} cores");

        Measure("Bayesian learners only", new PredictionOptions(), sessions, events, repeats, maxBatch: 1);
        TorchRuntime.Initialize(threads: 1);
        List<TorchSequenceModel> torch = Directory.Exists(modelsDir) ? TorchSequenceModel.LoadAll(modelsDir) : [];
        if (torch.Count == 0)
        {
            Console.WriteLine($"no checkpoints in {modelsDir}: full ensemble not measured");
            return 0;
        }
        string models = string.Join(", ", torch.Select(m => m.Name));
        var exported = new PredictionOptions { TrainedModels = [.. torch.Select(m => CompiledModels.From(m))] };
        Measure($"full ensemble ({models} exported + learners)", exported, sessions, events, repeats, maxBatch: 1);
        if (!args.Contains("--torch")) return 0;
        var full = new PredictionOptions { TrainedModels = [.. torch.Select(m => new FixedBatchModel(m))] };
        Measure($"full ensemble ({models} torch + learners), batched model calls", full, sessions, events, 1, maxBatch: 64);
        return 0;
    }

    private static void Measure(string name, PredictionOptions options, List<List<MarketEvent>> sessions, long events, int repeats, int maxBatch)
    {
        double best = double.MaxValue;
        long predictions = 0, allocated = 0;
        for (int r = 0; r < repeats; r++)
        {
            GC.Collect();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            predictions = 0;
            var steps = new List<ReplayStep>();
            foreach (List<MarketEvent> session in sessions)
            {
                var books = new Dictionary<string, PredictionReplay>();
                foreach (MarketEvent e in session)
                {
                    string id = e.BookId;
                    if (!books.TryGetValue(id, out PredictionReplay? replay))
                        books[id] = replay = new PredictionReplay(options.CreatePredictor(e.Venue, e.Symbol, copyWindows: maxBatch > 1));
                    replay.Push(e, steps, everyEvent: false, maxBatch);
                    predictions += steps.Count;
                    steps.Clear();
                }
                foreach (PredictionReplay replay in books.Values) replay.Flush(steps, everyEvent: false);
                predictions += steps.Count;
                steps.Clear();
            }
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Console.WriteLine($"{name}: {events:N0} events, {predictions:N0} predictions in {best:F2} s (best of {repeats}) = {events / best:N0} events/s, {predictions / best:N0} predictions/s; allocated {allocated / (double)events:F0} B/event, {allocated / (double)Math.Max(1, predictions):F0} B/prediction");
    }

    private static List<MarketEvent> Decode(IReadOnlyList<string> paths)
    {
        using IRecordingReader reader = RecordingFormat.Open(paths);
        var decoder = new FeedDecoder(reader.Venue);
        var events = new List<MarketEvent>();
        while (reader.TryRead(out RecordedPayload p))
        {
            try
            {
                if (p.Kind == PayloadKind.Connected) decoder.OnConnected(p.ReceiveTimeNs, "recorded reconnect", events);
                else decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, events);
            }
            catch (MarketDataException)
            {
                // skipped, as the live feed skips a payload that does not decode
            }
        }
        return events;
    }
}
