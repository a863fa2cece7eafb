using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Logistic;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Torch;
using QuantumFlow.Models.Torch.Inference;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Benchmarks.Load;

/// <summary>
/// `prediction [MODELS-DIR] [SYMBOLS] [RATE] [SECONDS] [exported|torch] [bounded|flood]`: predictor actors (one per symbol, each with its own replica,
/// feature engine, online learners and ensemble) fed the recorded BTCUSDT session's journaled events directly (no book
/// actor, no journal), with the trained checkpoints as the node runs them. Two phases: saturation (every symbol gets
/// the session's first 20,000 events as fast as the predictors take them, with at most <see cref="MaxInFlight"/>
/// predictions outstanding, or all at once with `flood`: ensemble predictions per second) and paced (RATE book events per second spread over
/// the symbols: latency from sending the event to the prediction reaching a subscriber, p50/p99/max). RATE counts
/// the book updates that lead to a prediction; the trades and tickers between them are spread evenly in between, and
/// the sender sends what is due every 1-ms tick, as a feed's packets arrive. The paced predictors are warmed up with
/// the session's first events, unmeasured, and the heap collected, before the paced phase starts.
/// </summary>
public static class PredictionLoad
{
    /// <summary>Events per symbol sent before the paced phase is measured (about 600 predictions each).</summary>
    private const int WarmUpEvents = 5_000;

    /// <summary>Saturation: predictions sent for but not yet received, at most (about half a second of work).</summary>
    private const int MaxInFlight = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        string modelsDir = args.Length > 0 ? args[0] : "models";
        int symbols = args.Length > 1 ? int.Parse(args[1]) : 100;
        int rate = args.Length > 2 ? int.Parse(args[2]) : 2_000;
        int seconds = args.Length > 3 ? int.Parse(args[3]) : 10;
        bool torchInference = args.Length > 4 && args[4] == "torch";
        bool flood = args.Length > 5 && args[5] == "flood";
        TorchRuntime.Initialize(threads: 1);
        List<TorchSequenceModel> trained = Directory.Exists(modelsDir) ? TorchSequenceModel.LoadAll(modelsDir) : [];
        List<IProbabilisticModel> models = torchInference ? [.. trained] : [.. trained.Select(m => CompiledModels.From(m))];
        LogisticMember? logistic = Directory.Exists(modelsDir) ? LogisticMember.Load(modelsDir) : null;
        List<MarketEvent> events = Decode(RecordedLines.BtcUsdm2024);
        Dictionary<long, int> eventOfSequence = PredictedEvents(events);
        Console.WriteLine($"models ({(torchInference ? "torch" : "exported")} inference): {string.Join(", ", models.Select(m => m.Version))}{(logistic is null ? "" : $" + {logistic.Version}")} + bayes-state + dirichlet; {symbols} symbols; {events.Count} events per symbol, {eventOfSequence.Count} predictions each; {Environment.ProcessorCount} cores");

        var options = new PredictionOptions
        {
            TrainedModels = models,
            OnlineModels = logistic is null ? [] : [logistic.Create],
            Labels = trained.Count > 0 ? trained[0].Checkpoint.Label : LabelOptions.Trading,
        };
        using ActorSystem system = ActorSystem.Create("prediction-load", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var collector = new Collector();
        IActorRef subscriber = system.ActorOf(Props.Create(() => new CollectorActor(collector)));
        system.EventStream.Subscribe(subscriber, typeof(PredictionEvent));

        var predicts = new bool[events.Count];
        foreach (int i in eventOfSequence.Values) predicts[i] = true;

        // Phase 1: saturation.
        IActorRef[] predictors = Start(system, options, symbols, "sat");
        GcSample gcStart = GcSample.Now();
        var clock = Stopwatch.StartNew();
        int saturationEvents = Math.Min(events.Count, 20_000);
        collector.Reset(symbols * eventOfSequence.Values.Count(i => i < saturationEvents));
        long issued = 0;
        for (int i = 0; i < saturationEvents; i++)
        {
            foreach (IActorRef p in predictors) p.Tell(new BookEventApplied(events[i], false));
            if (predicts[i]) issued += symbols;
            // Bounded backlog: the cores never run dry, but the mailboxes do not hold the whole run either (a flood of
            // millions of queued messages measures the collector copying them more than the predictors).
            while (!flood && issued - Volatile.Read(ref collector.Count) > MaxInFlight) Thread.Sleep(1);
        }
        await collector.Done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        double secs = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"saturation: {collector.Count} ensemble predictions in {secs:F1} s = {collector.Count / secs:F0} predictions/s ({saturationEvents * symbols / secs:F0} events/s); predictor-side latency p50 {P(collector.Internal, 0.5):F2} ms p99 {P(collector.Internal, 0.99):F2} ms (queueing under saturation); " +
                          $"{GcSample.Now().Since(gcStart)}");
        foreach (IActorRef p in predictors) system.Stop(p);

        // Phase 2: paced, round-robin over the symbols, events in session order.
        predictors = Start(system, options, symbols, "paced");
        // Warm-up, unmeasured: each predictor takes the session's first events at once, so its windows, model states and
        // the predictions waiting for their labels are in place; then everything the saturation phase and the warm-up
        // left behind is collected, so the paced phase measures its own garbage, not the previous phases'.
        int warm = Math.Min(WarmUpEvents, events.Count / 2);
        collector.Reset(eventOfSequence.Values.Count(i => i < warm) * symbols);
        for (int i = 0; i < warm; i++)
        {
            foreach (IActorRef p in predictors) p.Tell(new BookEventApplied(events[i], false));
        }
        await collector.Done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        int perSymbolUpdates = Math.Min(rate * seconds / symbols, eventOfSequence.Values.Count(i => i >= warm));
        int perSymbol = warm;
        for (int seen = 0; perSymbol < events.Count && seen < perSymbolUpdates; perSymbol++) if (predicts[perSymbol]) seen++;
        int expected = eventOfSequence.Values.Count(i => i >= warm && i < perSymbol) * symbols;
        var sent = new long[symbols, perSymbol];
        collector.Reset(expected, (entity, seq, now) =>
        {
            int s = int.Parse(entity.AsSpan(entity.IndexOf(':') + 4));
            return (now - sent[s, eventOfSequence[seq]]) * 1e3 / Stopwatch.Frequency;
        });
        GcSample gcBefore = GcSample.Now();
        clock.Restart();
        // Every event gets its due time, evenly spaced so that the book updates come at RATE per second; the sender
        // sends whatever is due and sleeps a tick. (Yielding near each deadline instead kept one of the two cores spinning.)
        long start = Stopwatch.GetTimestamp();
        double ticksPerSend = (double)Stopwatch.Frequency * expected / rate / ((long)(perSymbol - warm) * symbols);
        long k = 0;
        for (int i = warm; i < perSymbol; i++)
        {
            for (int s = 0; s < symbols; s++)
            {
                long due = start + (long)(k++ * ticksPerSend);
                while (Stopwatch.GetTimestamp() < due) Thread.Sleep(1);
                sent[s, i] = Stopwatch.GetTimestamp();
                predictors[s].Tell(new BookEventApplied(events[i], false));
            }
        }
        await collector.Done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        secs = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"paced {rate} book updates/s over {symbols} symbols for {secs:F1} s: {collector.Count} predictions; event sent -> prediction received: " +
                          $"p50 {P(collector.EndToEnd, 0.5):F2} ms, p99 {P(collector.EndToEnd, 0.99):F2} ms, max {P(collector.EndToEnd, 1):F2} ms; predictor-side p99 {P(collector.Internal, 0.99):F2} ms; " +
                          GcSample.Now().Since(gcBefore));
        GCMemoryInfo last = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine($"last GC: gen{last.Generation} {(last.Compacted ? "compacting" : "sweeping")}{(last.Concurrent ? " background" : "")}, pause {last.PauseDurations[0].TotalMilliseconds:F1} ms, promoted {last.PromotedBytes / 1e6:F1} MB, heap {last.HeapSizeBytes / 1e6:F0} MB, fragmented {last.FragmentedBytes / 1e6:F0} MB");
        await system.Terminate();
        return 0;
    }

    private static IActorRef[] Start(ActorSystem system, PredictionOptions options, int symbols, string prefix) =>
        [.. Enumerable.Range(0, symbols).Select(s => system.ActorOf(BookPipelineActor.Props($"binance-usdm:SYM{s:D3}", new FeaturePublishOptions { Enabled = false }, options, publish: false), $"{prefix}-{s}"))];

    private static double P(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)(q * values.Count))];
    }

    /// <summary>Which event index produced each predicted feature sequence (valid book updates only).</summary>
    private static Dictionary<long, int> PredictedEvents(List<MarketEvent> events)
    {
        var features = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        int valid = features.Engine.Schema.IndexOf(FeatureNames.BookValid);
        var map = new Dictionary<long, int>();
        for (int i = 0; i < events.Count; i++)
        {
            if (features.Apply(events[i]) is { } v && v[valid] == 1) map[v.Sequence] = i;
        }
        return map;
    }

    internal static List<MarketEvent> Decode(params string[] files)
    {
        using IRecordingReader reader = RecordingFormat.Open(files);
        var decoder = new FeedDecoder(reader.Venue);
        var events = new List<MarketEvent>();
        while (reader.TryRead(out RecordedPayload p))
        {
            if (p.Kind == PayloadKind.Connected) decoder.OnConnected(p.ReceiveTimeNs, "reconnected", events);
            else decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, events);
        }
        return events;
    }

    private sealed class Collector
    {
        private int _expected;
        private Func<string, long, long, double>? _endToEnd;
        public int Count;
        public List<double> Internal { get; } = [];
        public List<double> EndToEnd { get; } = [];
        public TaskCompletionSource Done { get; private set; } = new();

        public void Reset(int expected, Func<string, long, long, double>? endToEnd = null)
        {
            _expected = expected;
            _endToEnd = endToEnd;
            Count = 0;
            Internal.Clear();
            EndToEnd.Clear();
            Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void On(PredictionEvent p)
        {
            long now = Stopwatch.GetTimestamp();
            Internal.Add(p.LatencyNs / 1e6);
            if (_endToEnd is not null) EndToEnd.Add(_endToEnd(p.EntityId, p.Sequence, now));
            if (++Count == _expected) Done.TrySetResult();
        }
    }

    private sealed class CollectorActor : ReceiveActor
    {
        public CollectorActor(Collector c) => Receive<PredictionEvent>(c.On);
    }

    /// <summary>Garbage collections and the time the runtime was paused for them, to tell GC pauses from queueing in the tail.</summary>
    private sealed record GcSample(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
    {
        public static GcSample Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
            GC.GetTotalAllocatedBytes());

        public string Since(GcSample before) =>
            $"GCs gen0/1/2 {Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2}, paused {(Paused - before.Paused).TotalMilliseconds:F0} ms, " +
            $"allocated {(Allocated - before.Allocated) / 1e6:F0} MB";
    }
}
