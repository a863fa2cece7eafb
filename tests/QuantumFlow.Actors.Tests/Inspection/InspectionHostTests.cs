using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Feeds.Simulated;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Inspection.Server;
using QuantumFlow.Inspection;
using QuantumFlow.Inspection.Protocol;
using QuantumFlow.Models.Market;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Actors.Tests.Inspection;

/// <summary>One node in this process with its inspection host on a free port, asked over TCP as `quantumflow pbm` would.</summary>
public sealed class InspectionHostTests : TestKit, IAsyncLifetime
{
    private const string Token = "s3cret";
    private static readonly string[] Symbols = ["SIM-A", "SIM-B", "SIM-C"];
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"qf-inspect-{Guid.NewGuid():N}.db");
    private IHost _host = null!;
    private ProtocolClient _client = null!;

    public InspectionHostTests() : base("akka.loglevel = WARNING", "inspection-probe") { }

    public async Task InitializeAsync()
    {
        var options = new NodeOptions
        {
            Journal = JournalOptions.Parse("sqlite:" + _db),
            Books = new BookActorOptions { SnapshotEvery = 500, Publish = false },
            Inspection = new InspectionOptions { Port = 0, Token = Token },
        };
        _host = await QuantumFlowNode.StartAsync(options);
        ActorSystem system = _host.ActorSystem();
        // A feed that stops after a fixed number of events, named as `run` names feeds, so the books end still.
        system.ActorOf(SimulatedFeed.Props(new SimulatedFeedOptions(Symbols) { MaxEvents = 3_000, EventsPerSecond = 20_000 }, _host.BookRegion()), "feed-sim");
        IPEndPoint endpoint = InspectionHost.Get(system)?.Endpoint ?? throw new InvalidOperationException("no inspection host");
        _client = await ProtocolClient.ConnectAsync(endpoint);
        await Poll.Until(async () =>
        {
            var feed = (await _client.RunAsync("feed status")).Rows("feeds").Single();
            var deliveries = (await _client.RunAsync("feed status")).Rows("deliveries");
            return (string?)feed["state"] == nameof(FeedState.Finished) && deliveries.Count == 3
                && deliveries.All(d => (long)d["backlog"]! == 0 && !(bool)d["in-flight"]!);
        }, TimeSpan.FromSeconds(60), "the simulated feed finishes and every batch is acknowledged");
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
        SqliteJournal.Delete(_db);
    }

    [Fact]
    public async Task Book_show_serves_the_book_a_direct_ask_returns()
    {
        BookView direct = await _host.BookRegion().Ask<BookView>(new GetBook("sim:SIM-B", 25), TimeSpan.FromSeconds(10));
        foreach (string symbol in new[] { "sim:SIM-B", "SIM-B", "sim-b" })
        {
            ProtocolClient.Answer shown = await _client.RunAsync($"book show -s {symbol} -n 25");
            Assert.Equal(ExitCodes.Ok, shown.End.Exit);
            var summary = shown.Rows("book").Single();
            Assert.Equal(direct.EntityId, summary["entity"]);
            Assert.Equal(direct.State, summary["state"]);
            Assert.Equal(direct.IsValid, summary["valid"]);
            Assert.Equal(direct.LastUpdateId, summary["last-update-id"]);
            Assert.Equal(direct.EventsJournaled, summary["events-journaled"]);
            Assert.Equal(direct.Bids.Select(l => (l.Price.ToString(), l.Quantity.ToString())), shown.Rows("bids").Select(r => ((string)r["price"]!, (string)r["quantity"]!)));
            Assert.Equal(direct.Asks.Select(l => (l.Price.ToString(), l.Quantity.ToString())), shown.Rows("asks").Select(r => ((string)r["price"]!, (string)r["quantity"]!)));
        }
        Assert.True(direct.IsValid);
        Assert.NotEmpty(direct.Bids);

        ProtocolClient.Answer unknown = await _client.RunAsync("book show -s NOPE");
        Assert.Equal(ExitCodes.Usage, unknown.End.Exit);
        Assert.Contains("no live book", unknown.End.Error);
    }

    [Fact]
    public async Task Book_list_journal_stats_and_sharding_agree_on_the_books()
    {
        var books = (await _client.RunAsync("book list")).Rows("books");
        Assert.Equal(Symbols.Select(s => "sim:" + s), books.Select(b => (string)b["entity"]!));
        Assert.All(books, b => Assert.Equal(_client.Hello.Node, b["node"]));

        // Snapshots are saved after the batch is acknowledged, asynchronously: wait (bounded) for every book's first.
        await Poll.Until(async () => (await _client.RunAsync("journal stats")).Rows("journal").All(r => (long)r["snapshots"]! >= 1),
            TimeSpan.FromSeconds(20), "every book has saved a snapshot");
        ProtocolClient.Answer journal = await _client.RunAsync("journal stats");
        Assert.Equal(ExitCodes.Ok, journal.End.Exit);
        var rows = journal.Rows("journal");
        Assert.Equal(Symbols.Select(s => "sim:" + s), rows.Select(r => (string)r["book"]!));
        foreach (var row in rows)
        {
            BookView view = await _host.BookRegion().Ask<BookView>(new GetBook((string)row["book"]!, 0), TimeSpan.FromSeconds(10));
            Assert.Equal(view.EventsJournaled, row["events"]);
            Assert.Equal(2 * (long)row["rows"]!, row["tags"]); // a venue and a symbol tag per journal row
            Assert.True((long)row["snapshots"]! >= 1);
        }

        var region = (await _client.RunAsync("cluster-sharding region-stats -r book")).Rows("region book").Single();
        Assert.Equal(3L, region["entities"]);
        var shards = (await _client.RunAsync("cluster-sharding shard-stats -r book")).Rows("shards of book");
        Assert.Equal(3L, shards.Sum(s => (long)s["entities"]!));
        var regions = (await _client.RunAsync("cluster-sharding regions")).Rows("regions").Single();
        Assert.Equal("region", regions["mode"]);
        Assert.Equal("/system/sharding/book", regions["path"]);
        Assert.Equal(ExitCodes.Failed, (await _client.RunAsync("cluster-sharding region-stats -r nothing")).End.Exit);
    }

    [Fact]
    public async Task Cluster_actor_and_feed_palettes_describe_this_node()
    {
        var member = (await _client.RunAsync("cluster show")).Rows("members").Single();
        Assert.Equal(_client.Hello.Node, member["address"]);
        Assert.Equal("Up", member["status"]);
        Assert.Equal(true, member["leader"]);
        Assert.Equal(true, member["self"]);
        Assert.Equal(1L, (await _client.RunAsync("cluster status")).Rows("node").Single()["up"]);
        Assert.Contains((await _client.RunAsync("cluster leader")).Rows("leaders"), r => (string?)r["role"] == "book" && (string?)r["leader"] == _client.Hello.Node);

        var actors = (await _client.RunAsync("actor hierarchy -s /user -d 1")).Rows("actors").Select(r => (string)r["path"]!).ToList();
        Assert.Equal("/user", actors[0]);
        Assert.Contains("/user/feed-sim", actors);
        var deep = (await _client.RunAsync("actor hierarchy -d 5")).Rows("actors").Select(r => (string)r["path"]!).ToList();
        Assert.Contains(deep, p => p.StartsWith("/system/sharding/book/", StringComparison.Ordinal) && p.EndsWith("sim%3ASIM-A", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Failed, (await _client.RunAsync("actor hierarchy -s /user/nobody")).End.Exit);

        var feed = (await _client.RunAsync("feed status")).Rows("feeds").Single();
        Assert.Equal("feed-sim", feed["feed"]);
        Assert.Equal(nameof(Venue.Simulated), feed["venue"]);
    }

    [Fact]
    public async Task Changing_commands_need_the_token_and_log_set_level_changes_the_level()
    {
        ProtocolClient.Answer refused = await _client.RunAsync("log set-level DEBUG");
        Assert.Equal(ExitCodes.Unauthorized, refused.End.Exit);
        Assert.Equal(ExitCodes.Unauthorized, (await _client.RunAsync("cluster down-unreachable", "wrong")).End.Exit);
        Assert.Equal(LogLevel.WarningLevel, _host.ActorSystem().EventStream.LogLevel);

        Assert.Equal(ExitCodes.Ok, (await _client.RunAsync("log set-level INFO", Token)).End.Exit);
        Assert.Equal(LogLevel.InfoLevel, _host.ActorSystem().EventStream.LogLevel);
        Logging.GetLogger(_host.ActorSystem(), "inspection-test").Info("a line for log peek");
        await Poll.Until(async () => (await _client.RunAsync("log peek -n 10")).Rows("log").Any(r => (string?)r["message"] == "a line for log peek"),
            TimeSpan.FromSeconds(10), "log peek shows the line");
        Assert.Equal(ExitCodes.Ok, (await _client.RunAsync("log set-level WARNING", Token)).End.Exit);
        Assert.Equal(ExitCodes.Usage, (await _client.RunAsync("log set-level LOUD", Token)).End.Exit);

        ProtocolClient.Answer stranger = await _client.RunAsync("cluster leave -a akka.tcp://quantumflow@127.0.0.1:1", Token);
        Assert.Equal(ExitCodes.Failed, stranger.End.Exit);
        Assert.Contains("not a member", stranger.End.Error);
        Assert.Equal(ExitCodes.Usage, (await _client.RunAsync("cluster leave -a nonsense", Token)).End.Exit);
    }

    [Fact]
    public async Task Tail_streams_until_cancelled_and_prediction_palettes_say_when_nothing_predicts()
    {
        long id = await _client.SendAsync("cluster tail");
        var first = (RowFrame)await _client.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(id, first.Id);
        Assert.Equal("MemberUp", first.Values[1]);
        await _client.CancelAsync(id);
        InspectionFrame next;
        do next = await _client.NextAsync(TimeSpan.FromSeconds(10));
        while (next is RowFrame);
        Assert.Equal(new EndFrame(id, ExitCodes.Ok, null), next);

        ProtocolClient.Answer models = await _client.RunAsync("model list");
        Assert.Equal(ExitCodes.Ok, models.End.Exit);
        Assert.Empty(models.Table("models").Rows);
        Assert.Contains(models.Notes, n => n.Contains("no trained model"));
        Assert.Contains("does not predict", (await _client.RunAsync("ensemble weights -s SIM-A")).End.Error);
        Assert.Equal(ExitCodes.Usage, (await _client.RunAsync("palette nothing")).End.Exit);
    }

    [Fact]
    public async Task A_port_in_use_leaves_the_node_running_without_inspection_and_off_means_off()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var options = new NodeOptions { Journal = JournalOptions.Parse("memory"), Inspection = new InspectionOptions { Port = port } };
            using (IHost clash = await QuantumFlowNode.StartAsync(options))
            {
                InspectionHost? host = InspectionHost.Get(clash.ActorSystem());
                Assert.NotNull(host);
                Assert.Null(host.Endpoint);
                Assert.Contains(port.ToString(), host.Problem);
                await clash.StopAsync();
            }
            using IHost off = await QuantumFlowNode.StartAsync(options with { Inspection = new InspectionOptions { Enabled = false } });
            Assert.Null(InspectionHost.Get(off.ActorSystem()));
            await off.StopAsync();
        }
        finally
        {
            taken.Stop();
        }
    }
}
