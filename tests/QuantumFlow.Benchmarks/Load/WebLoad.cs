using System.Diagnostics;
using System.Net;
using Akka.Actor;
using Microsoft.AspNetCore.SignalR.Client;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Web;
using QuantumFlow.Inspection;

namespace QuantumFlow.Benchmarks.Load;

/// <summary>
/// `web rest|hub|serve [--journal sqlite:PATH|memory] [--speed 10]` (default a fresh SQLite file in /tmp; replay speed, 1 = as recorded).
/// `web rest [--rate 2000] [--seconds 20] [--connections 8]`: the real web host with a node replaying the recorded USD-M
/// BTCUSDT session (10x unless --speed, looping, online learners), and <see cref="PacedHttpLoad"/> on loopback sending GET latest
/// prediction at RATE requests/s; latency from each request's scheduled send time to its response read.
/// `web hub [--clients 100] [--minutes 3]`: CLIENTS SignalR clients subscribed to the symbol; every 10 s a full GC and
/// the process working set, managed heap and updates received per client per second.
/// </summary>
public static class WebLoad
{
    private const string Symbol = "binance-usdm:BTCUSDT";

    public static async Task<int> RunAsync(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "rest";
        // SQLite by default: the in-memory journal keeps every event in the heap, which would hide the host's own memory.
        var journal = JournalOptions.Parse(Option(args, "--journal") ?? "sqlite:/tmp/qf-webload.db");
        if (journal.Provider == JournalProvider.Sqlite) File.Delete(journal.ConnectionString.Replace("Data Source=", ""));
        var node = new NodeOptions
        {
            Journal = journal,
            Inspection = new InspectionOptions { Enabled = false },
            Prediction = new PredictionOptions { Enabled = true },
        };
        await using WebNode app = await WebHost.StartAsync(node, new WebOptions { Urls = ["http://127.0.0.1:0"], RateLimitPermits = 1_000_000 });
        var spec = new FeedSpec(FeedKind.Replay) { Paths = RecordedLines.BtcUsdm2024, Speed = double.Parse(Option(args, "--speed") ?? "10"), Loop = true };
        app.ActorSystem().ActorOf(spec.Props(app.BookRegion()), spec.ActorName);
        var baseUrl = app.Address;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = baseUrl };
        await WaitForPredictionAsync(http);
        Console.WriteLine($"web host at {baseUrl}; journal {journal}; replay {spec.Speed}x; {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        int code = mode switch
        {
            "rest" => await RestAsync(http, int.Parse(Option(args, "--rate") ?? "2000"), int.Parse(Option(args, "--seconds") ?? "20"), int.Parse(Option(args, "--connections") ?? "8")),
            "hub" => await HubAsync(baseUrl, int.Parse(Option(args, "--clients") ?? "100"), double.Parse(Option(args, "--minutes") ?? "3")),
            "serve" => await ServeAsync(baseUrl, double.Parse(Option(args, "--minutes") ?? "1")),
            _ => throw new ArgumentException($"unknown web load mode '{mode}' (rest, hub, serve)"),
        };
        await app.StopAsync();
        return code;
    }

    private static async Task WaitForPredictionAsync(HttpClient http)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while ((await http.GetAsync($"/api/symbols/{Symbol}/prediction", deadline.Token)).StatusCode != HttpStatusCode.OK)
            await Task.Delay(100, deadline.Token);
    }

    private static async Task<int> RestAsync(HttpClient http, int rate, int seconds, int connections)
    {
        string url = $"/api/symbols/{Symbol}/prediction";
        // Warm-up: JIT, connection pool.
        await Task.WhenAll(Enumerable.Range(0, 2000).Select(async _ => (await http.GetAsync(url)).Dispose()));

        var r = await PacedHttpLoad.RunAsync(http.BaseAddress!, url, rate, seconds, connections);
        double[] latencies = r.SortedLatenciesMs;
        Console.WriteLine($"GET latest prediction: {r.Requests} requests at {rate}/s offered over {connections} keep-alive connections ({r.Requests / r.Seconds:F0}/s done in {r.Seconds:F1} s), {r.Errors} errors; " +
                          $"latency from scheduled send p50 {P(latencies, 0.5):F2} ms, p90 {P(latencies, 0.9):F2} ms, p99 {P(latencies, 0.99):F2} ms, p99.9 {P(latencies, 0.999):F2} ms, max {latencies[^1]:F2} ms");
        return 0;
    }

    private static async Task<int> HubAsync(Uri baseUrl, int clients, double minutes)
    {
        var received = new long[clients];
        var connections = new List<HubConnection>();
        for (int c = 0; c < clients; c++)
        {
            HubConnection connection = new HubConnectionBuilder().WithUrl(new Uri(baseUrl, "/hubs/market")).Build();
            int id = c;
            foreach (string kind in new[] { "book", "trades", "prediction", "features", "paper", "arbitrage", "status" })
                connection.On<System.Text.Json.JsonElement>(kind, _ => Interlocked.Increment(ref received[id]));
            await connection.StartAsync();
            await connection.InvokeAsync<IReadOnlyList<string>>("Subscribe", new[] { Symbol });
            connections.Add(connection);
        }
        Console.WriteLine($"{clients} clients subscribed to {Symbol}");
        Console.WriteLine("| elapsed | updates/s per client (mean, min) | working set | managed heap after full GC |");
        Console.WriteLine("|---|---:|---:|---:|");
        var clock = Stopwatch.StartNew();
        long[] before = received.ToArray();
        TimeSpan last = TimeSpan.Zero;
        while (clock.Elapsed.TotalMinutes < minutes)
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            TimeSpan now = clock.Elapsed;
            long[] counts = new long[clients];
            for (int i = 0; i < clients; i++) counts[i] = Interlocked.Read(ref received[i]);
            double secs = (now - last).TotalSeconds;
            double[] rates = counts.Select((x, i) => (x - before[i]) / secs).ToArray();
            before = counts;
            last = now;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            long heap = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"| {now:m\\:ss} | {rates.Average():F1}, {rates.Min():F1} | {Process.GetCurrentProcess().WorkingSet64 / 1e6:F0} MB | {heap / 1e6:F1} MB |");
        }
        foreach (HubConnection c in connections) await c.DisposeAsync();
        return 0;
    }

    /// <summary>Keeps the host up for an external load tool (wrk): prints the URL and serves for MINUTES.</summary>
    private static async Task<int> ServeAsync(Uri baseUrl, double minutes)
    {
        Console.WriteLine($"serving: {baseUrl}api/symbols/{Symbol}/prediction for {minutes} min");
        await Task.Delay(TimeSpan.FromMinutes(minutes));
        return 0;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
