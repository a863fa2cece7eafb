using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Training;
using QuantumFlow.Inspection;

namespace QuantumFlow.Benchmarks.Load;

/// <summary>
/// Whole-system load runs on one node, timed by the wall clock:
///   load replay [--journal memory|sqlite:PATH|postgres:CS]   every shared Binance session replayed as fast as the books take it
///   load replay ... --predict [MODELS-DIR]                    the same with every book's predictions on (the shipped checkpoints, as `run` loads them)
///   load sim --rate N --minutes M [--journal ...]             the simulated venue at N events/s; reports memory every 10 s and the peak
/// </summary>
public static class LoadHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "replay";
        string journal = Option(args, "--journal") ?? "memory";
        var node = new NodeOptions
        {
            Journal = JournalOptions.Parse(journal),
            Books = new BookActorOptions { Publish = false },
            Features = new FeaturePublishOptions { Enabled = !args.Contains("--no-features") },
            Inspection = new InspectionOptions { Enabled = false },
        };
        if (args.Contains("--predict"))
        {
            string? dir = Option(args, "--predict");
            node = PredictionModels.Attach(node, dir is null || dir.StartsWith("--", StringComparison.Ordinal) ? "models" : dir, Console.Out);
        }
        if (node.Journal.Provider == JournalProvider.Sqlite) File.Delete(node.Journal.ConnectionString.Replace("Data Source=", ""));
        using IHost host = await QuantumFlowNode.StartAsync(node);
        int code = mode switch
        {
            "replay" => await ReplayAsync(host, node),
            "sim" => await SimAsync(host, double.Parse(Option(args, "--rate") ?? "5000"), double.Parse(Option(args, "--minutes") ?? "10"), Option(args, "--symbols")),
            _ => throw new ArgumentException($"unknown load mode '{mode}'"),
        };
        await host.StopAsync();
        Console.WriteLine($"journal: {node.Journal}; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        return code;
    }

    private static async Task<int> ReplayAsync(IHost host, NodeOptions node)
    {
        // One feed per book: the two USD-M BTCUSDT sessions play one after the other into the same book.
        string[][] sessions =
        [
            [RecordedLines.Shared("binance-hftbacktest/usdm/btcusdt_20230404.dat.gz"), RecordedLines.Shared("binance-hftbacktest/usdm/btcusdt_20230405.dat.gz"),
             RecordedLines.Shared("binance-hftbacktest/usdm/btcusdt_20240718.gz"), RecordedLines.Shared("binance-hftbacktest/usdm/btcusdt_20240719.gz")],
            [RecordedLines.Shared("binance-hftbacktest/usdm/ethusdt_20240718.gz"), RecordedLines.Shared("binance-hftbacktest/usdm/ethusdt_20240719.gz")],
            [RecordedLines.Shared("binance-hftbacktest/spot/btcusdt_20230405.dat.gz")],
        ];
        ActorSystem system = host.ActorSystem();
        var done = new List<Task<ReplayFinished>>();
        var clock = Stopwatch.StartNew();
        foreach (string[] files in sessions)
        {
            var tcs = new TaskCompletionSource<ReplayFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
            IActorRef catcher = system.ActorOf(Props.Create(() => new Catcher(tcs)));
            system.ActorOf(ReplayFeed.Props(ReplayOptions.AsFastAsPossible(files), host.BookRegion(), catcher));
            done.Add(tcs.Task);
        }
        ReplayFinished[] results = await Task.WhenAll(done);
        TimeSpan acked = clock.Elapsed;
        string[] books = ["binance-usdm:BTCUSDT", "binance-usdm:ETHUSDT", "binance:BTCUSDT"];
        // A book's children take its events after it acknowledges them: asked through the book, each answers only once
        // it has worked through every event before the question, so this is when the whole pipeline is done.
        foreach (string id in books)
        {
            if (node.Features.Enabled) await host.BookRegion().Ask<object>(new GetFeatures(id), TimeSpan.FromMinutes(5));
            if (node.Prediction.Enabled) await host.BookRegion().Ask<object>(new GetPrediction(id), TimeSpan.FromMinutes(5));
        }
        TimeSpan drained = clock.Elapsed;
        long payloads = results.Sum(r => r.Payloads);
        long events = 0;
        foreach (string id in books)
        {
            BookView v = await host.BookRegion().Ask<BookView>(new GetBook(id, 1), TimeSpan.FromSeconds(30));
            events += v.EventsJournaled;
            Console.WriteLine($"{id}: {v.State}, {v.EventsJournaled} events journaled");
        }
        Console.WriteLine($"replayed {payloads} payloads, {events} events journaled and applied in {acked.TotalSeconds:F2} s: {events / acked.TotalSeconds:F0} events/s; " +
                          $"features{(node.Prediction.Enabled ? " and predictions" : "")} done after {drained.TotalSeconds:F2} s: {events / drained.TotalSeconds:F0} events/s");
        return 0;
    }

    private static async Task<int> SimAsync(IHost host, double rate, double minutes, string? symbols)
    {
        var spec = new FeedSpec(FeedKind.Sim)
        {
            EventsPerSecond = rate,
            Symbols = symbols?.Split(',') ?? ["SIM-A", "SIM-B", "SIM-C", "SIM-D", "SIM-E"],
        };
        IActorRef feed = host.ActorSystem().ActorOf(spec.Props(host.BookRegion()), spec.ActorName);
        var clock = Stopwatch.StartNew();
        long peak = 0;
        using var process = Process.GetCurrentProcess();
        while (clock.Elapsed.TotalMinutes < minutes)
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            process.Refresh();
            GC.Collect();
            long managed = GC.GetTotalMemory(forceFullCollection: true);
            peak = Math.Max(peak, process.WorkingSet64);
            FeedStatus s = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(10));
            Console.WriteLine($"{clock.Elapsed:mm\\:ss} events {s.Messages}, backlog {s.Books.Sum(b => b.Backlog)}, dropped {s.Books.Sum(b => b.Dropped)}, " +
                              $"working set {process.WorkingSet64 / 1048576} MB, managed heap {managed / 1048576} MB");
        }
        Console.WriteLine($"peak working set {peak / 1048576} MB over {minutes} min at {rate} events/s");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class Catcher : ReceiveActor
    {
        public Catcher(TaskCompletionSource<ReplayFinished> done) => Receive<ReplayFinished>(done.TrySetResult);
    }
}
