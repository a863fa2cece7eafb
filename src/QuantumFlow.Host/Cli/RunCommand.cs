using System.CommandLine;
using Akka.Actor;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Inspection.Server;
using QuantumFlow.Host.Web;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Cli;

/// <summary><c>quantumflow run</c>: a node with its feed, until stopped.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var node = new NodeFlags();
        var feed = new FeedFlags();
        var interval = new Option<double>("--status-every") { Description = "Seconds between status lines.", DefaultValueFactory = _ => 5 };
        var models = new Option<string?>("--models") { Description = "Trained checkpoints to predict with (default: ./models, else those shipped with the executable)." };
        var httpUrls = new Option<string[]>("--http-urls") { Description = "Addresses of the web host (REST, SignalR, dashboard); default http://127.0.0.1:5080 or config QuantumFlow:Web:Urls.", AllowMultipleArgumentsPerToken = true };
        var noWeb = new Option<bool>("--no-web") { Description = "Run the node without the web host." };
        var run = new Command("run", "Start a node (single by default: SQLite journal, the shipped sample replayed as the live feed) and run until Ctrl+C.");
        node.AddTo(run);
        feed.AddTo(run);
        run.Options.Add(interval);
        run.Options.Add(models);
        run.Options.Add(httpUrls);
        run.Options.Add(noWeb);
        run.SetAction(async (parse, cancel) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output, error = parse.InvocationConfiguration.Error;
            NodeOptions options;
            IReadOnlyList<FeedSpec> specs;
            try
            {
                // The feeds first: a path that is no recording is refused before any checkpoint is loaded.
                NodeOptions flags = node.Read(parse);
                specs = feed.ReadAll(parse, flags);
                options = Training.PredictionModels.Attach(flags, parse.GetValue(models), output);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
            {
                return CliErrors.Report(error, e);
            }
            WebStart? web = null;
            if (!parse.GetValue(noWeb))
            {
                string[] urls = parse.GetValue(httpUrls) ?? [];
                foreach (string url in urls)
                {
                    if (UrlProblem(url) is { } problem) return CliErrors.Report(error, $"--http-urls '{url}': {problem}");
                }
                string? checkpoints = Training.PredictionModels.Find(parse.GetValue(models));
                web = new WebStart(
                    urls.Length > 0 ? new WebOptions { Urls = urls } : new WebOptions(),
                    // POST /api/predict scores windows with its own instances: a network's window path serves one caller at a time.
                    checkpoints is null ? [] : Training.PredictionModels.Load(checkpoints),
                    checkpoints);
            }
            try
            {
                return await RunAsync(options, specs, TimeSpan.FromSeconds(Math.Max(0.5, parse.GetValue(interval))), output, cancel, web);
            }
            catch (IOException e) when (WebHost.IsAddressInUse(e))
            {
                // Only an address that was asked for gets here: the default one falls back to a free port.
                return CliErrors.Report(error, $"{e.Message.TrimEnd('.')} (the web host's address: choose another with --http-urls or QuantumFlow__Web__Urls)");
            }
            catch (JournalInUseException e)
            {
                return CliErrors.Report(error, e);
            }
        });
        return run;
    }

    /// <summary>Why Kestrel could not listen on <paramref name="url"/>, or null; asked before the node starts.</summary>
    public static string? UrlProblem(string url)
    {
        // Kestrel's wildcard hosts (every interface) are no URI host; any name stands in for them here.
        string parsed = url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal);
        if (!Uri.TryCreate(parsed, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            return "not an address to listen on; expected http://HOST:PORT (e.g. http://127.0.0.1:5080)";
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0) return "an address to listen on has no path or query";
        return null;
    }

    /// <summary>The web host's part of `run`: its options, the scorer's own models, and where the checkpoints came from.</summary>
    public sealed record WebStart(WebOptions Options, IReadOnlyList<QuantumFlow.Models.Prediction.IProbabilisticModel> ScorerModels, string? Checkpoints);

    public static Task<int> RunAsync(NodeOptions options, FeedSpec spec, TimeSpan statusEvery, TextWriter output, CancellationToken cancel, WebStart? webStart = null) =>
        RunAsync(options, [spec], statusEvery, output, cancel, webStart);

    /// <param name="specs">the node's feeds: each a cluster singleton, running here or on another node given the same feed.</param>
    public static async Task<int> RunAsync(NodeOptions options, IReadOnlyList<FeedSpec> specs, TimeSpan statusEvery, TextWriter output, CancellationToken cancel, WebStart? webStart = null)
    {
        // Starting the actor system, recovering the journal and binding the web host take seconds with nothing else
        // printed; a user of `dotnet run` should know the process is alive and what it is about to do.
        string described = string.Join("; ", specs.Select(Describe));
        output.WriteLine($"quantumflow: starting node (journal {options.Journal}, feed {described}{(webStart is null ? ", no web host" : "")})");
        options = specs.Aggregate(options, FeedPlacement.WithFeedRole);
        using IHost host = webStart is null
            ? await QuantumFlowNode.StartAsync(options, cancel: cancel)
            : await WebHost.StartAsync(options, webStart.Options, webStart.ScorerModels, webStart.Checkpoints, cancel);
        ActorSystem system = host.ActorSystem();
        system.ActorOf(Props.Create(() => new RecoveryPrinter(output)), "recovery-printer");
        List<IActorRef> feeds = specs.Select(spec => FeedPlacement.Start(system, spec, host.BookRegion())).ToList();
        output.WriteLine($"quantumflow node {Akka.Cluster.Cluster.Get(system).SelfAddress} journal {options.Journal}, feed {described}; Ctrl+C stops");
        output.WriteLine(InspectionHost.Get(system) switch
        {
            { Endpoint: { } at } => $"inspection: quantumflow pbm {at} cluster show",
            { Problem: { } problem } => $"inspection: off ({problem})",
            _ => "inspection: off",
        });
        if (host is WebNode web)
        {
            string at = web.Address.ToString().TrimEnd('/');
            string fallback = web.BusyDefault is { } busy ? $"; {busy} was in use, so this free port was taken" : "";
            output.WriteLine($"dashboard: {at}/  (API {at}/scalar, metrics {at}/metrics{fallback})");
        }
        // A node that has begun to stop has stopped its feed: an unanswered ask then is the stop, not a fault to print.
        bool Stopping() => CoordinatedShutdown.Get(system).ShutdownReason is not null;
        // A node that leaves the cluster (cluster leave, or downed) terminates its actor system: the process ends with it.
        while (!cancel.IsCancellationRequested && !system.WhenTerminated.IsCompleted)
        {
            await Task.WhenAny(Task.Delay(statusEvery, cancel), system.WhenTerminated);
            if (cancel.IsCancellationRequested || system.WhenTerminated.IsCompleted) break;
            foreach (IActorRef feed in feeds) await PrintStatusAsync(feed, host.BookRegion(), output, options.Prediction.Enabled && options.CarriesBooks, Stopping);
        }
        output.WriteLine(system.WhenTerminated.IsCompleted ? "the node left the cluster; stopping" : "stopping");
        await host.StopAsync(CancellationToken.None);
        return 0;
    }

    private static string Describe(FeedSpec spec) => spec.Kind switch
    {
        FeedKind.Replay => $"replay of {string.Join(" + ", spec.Paths.Select(Path.GetFileName))} at {(spec.Speed <= 0 ? "full speed" : spec.Speed + "x")}{(spec.Loop ? ", looping" : "")}",
        FeedKind.Sim => $"simulated venue ({spec.EventsPerSecond} events/s, seed {spec.Seed})",
        _ => $"{spec.Kind} live",
    };

    private static async Task PrintStatusAsync(IActorRef feed, IActorRef books, TextWriter output, bool predictions, Func<bool> stopping)
    {
        FeedStatus status;
        try
        {
            status = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            if (!stopping()) output.WriteLine("feed: no answer");
            return;
        }
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} feed {status.State}: messages {status.Messages}, bad {status.BadMessages}, reconnects {status.Reconnects}, resends {status.Resends}{(status.LastError is null ? "" : ", last error: " + status.LastError)}");
        foreach (BookBacklog b in status.Books.Take(10))
        {
            try
            {
                BookView v = await books.Ask<BookView>(new GetBook(b.EntityId, 1), TimeSpan.FromSeconds(3));
                string top = v.Bids.Count > 0 && v.Asks.Count > 0 ? $"{v.Bids[0].Price} x {v.Bids[0].Quantity} / {v.Asks[0].Price} x {v.Asks[0].Quantity}" : "(empty)";
                output.WriteLine($"  {v.EntityId,-24} {v.State,-16} {top}  journaled {v.EventsJournaled}, resyncs {v.Resyncs}, backlog {b.Backlog}" +
                                 (v.IsValid ? "" : $"  [not valid: {v.LastProblem ?? "awaiting snapshot"}]"));
                if (predictions && await books.Ask<object>(new GetPrediction(b.EntityId), TimeSpan.FromSeconds(3)) is PredictionEvent p)
                    output.WriteLine($"  {"",-24} prediction {p.Predicted} {p.Confidence:P0} (down {p.Down:F2} flat {p.Flat:F2} up {p.Up:F2}); weights " +
                                     string.Join(", ", p.Models.Select(m => $"{m.Name} {m.Weight:F2}")) + $"; {p.LatencyNs / 1e6:F2} ms");
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                if (!stopping()) output.WriteLine($"  {b.EntityId,-24} no answer");
            }
        }
    }

    /// <summary>One line per book the node recovered from its journal, as it happens (books recover when first asked for).</summary>
    private sealed class RecoveryPrinter : ReceiveActor
    {
        public RecoveryPrinter(TextWriter output)
        {
            Receive<BookRecovered>(r => output.WriteLine($"recovered {r.EntityId}: {r.EventsJournaled} journaled events, book {r.State}, in {r.Took.TotalMilliseconds:F0} ms"));
        }

        protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(BookRecovered));
    }
}
