using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Actors.Tests.Cluster;

/// <summary>
/// Three nodes over TCP on 127.0.0.1 sharing one journal. 20 books spread over all nodes; one node stops mid-stream;
/// its books come back on the others from the journal, and every final book equals the book rebuilt directly from the
/// recording, with every event journaled exactly once.
/// </summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class ThreeNodeClusterTests : TestKit
{
    public ThreeNodeClusterTests() : base("akka.loglevel = WARNING", "cluster-test-probe") { }

    /// <summary>20 books: the real BTCUSDT and ETHUSDT sessions, ten copies of each under different symbols.</summary>
    private static Dictionary<string, List<MarketEvent>> TwentyBooks(int eventsPerBook)
    {
        var btc = TestRecordings.Decode(TestRecordings.BtcUsdm2024, eventsPerBook);
        var eth = TestRecordings.Decode(TestRecordings.EthUsdm2024, eventsPerBook);
        var books = new Dictionary<string, List<MarketEvent>>();
        for (int i = 0; i < 10; i++)
        {
            foreach ((string name, List<MarketEvent> source) in new[] { ($"BTC{i:00}", btc), ($"ETH{i:00}", eth) })
            {
                books[BookId.Of(Venue.BinanceUsdm, name)] = source.Select(e => e with { Symbol = name }).ToList();
            }
        }
        return books;
    }

    [Fact]
    public Task On_postgres_a_stopped_node_loses_nothing() => RunAsync(async () =>
    {
        PostgresDatabase db = await PostgresDatabase.CreateAsync();
        return (JournalOptions.Parse("postgres:" + db.ConnectionString), db.DisposeAsync);
    });

    [Fact]
    public Task On_sqlite_a_stopped_node_loses_nothing() => RunAsync(() =>
    {
        string file = Path.Combine(Path.GetTempPath(), $"qf-cluster-{Guid.NewGuid():N}.db");
        return Task.FromResult<(JournalOptions, Func<ValueTask>)>((JournalOptions.Parse("sqlite:" + file), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            return ValueTask.CompletedTask;
        }));
    });

    private async Task RunAsync(Func<Task<(JournalOptions Journal, Func<ValueTask> Cleanup)>> journal)
    {
        (JournalOptions journalOptions, Func<ValueTask> cleanup) = await journal();
        var hosts = new List<IHost>();
        try
        {
            int[] ports = FreePorts.Take(3);
            int seedPort = ports[0];
            string seed = $"akka.tcp://quantumflow@127.0.0.1:{seedPort}";
            var baseOptions = new NodeOptions
            {
                Journal = journalOptions,
                SeedNodes = [seed],
                // The driver finishes books at different times; the checks below are about their contents, not freshness.
                Books = new BookActorOptions { Publish = false, SnapshotEvery = 1_000, StaleAfter = TimeSpan.FromMinutes(10) },
                ExtraHocon = "akka.loglevel = WARNING\nakka.cluster.split-brain-resolver.stable-after = 3s",
            };
            await JournalSchema.InitializeAsync(baseOptions); // the explicit step, once, before any node
            foreach (int port in ports)
            {
                hosts.Add(await QuantumFlowNode.StartAsync(baseOptions with { Port = port }));
            }
            await AwaitConditionAsync(() => Task.FromResult(hosts.All(h => Akka.Cluster.Cluster.Get(h.ActorSystem()).State.Members.Count(m => m.Status == MemberStatus.Up) == 3)),
                TimeSpan.FromSeconds(30));

            Dictionary<string, List<MarketEvent>> books = TwentyBooks(2_500);
            IActorRef region = hosts[0].BookRegion();
            ActorSystem driverSystem = hosts[0].ActorSystem();
            var finished = CreateTestProbe(Sys);
            IActorRef driver = driverSystem.ActorOf(Props.Create(() => new IngestDriver(region, books, 100, finished.Ref)), "driver");

            // Every node hosts some books before one of them goes.
            await AwaitConditionAsync(async () => (await EntitiesPerNode(hosts)).All(n => n > 0), TimeSpan.FromSeconds(30));
            long total = books.Values.Sum(l => l.Count);
            await AwaitConditionAsync(async () => (await driver.Ask<IngestDriver.Progress>(new IngestDriver.GetProgress())).Acked > total / 3,
                TimeSpan.FromSeconds(120));

            IHost leaving = hosts[2];
            await leaving.StopAsync();
            hosts.Remove(leaving);
            leaving.Dispose();

            finished.ExpectMsg<IngestDriver.Finished>(TimeSpan.FromMinutes(3));
            foreach ((string id, List<MarketEvent> events) in books)
            {
                BookId.TryParse(id, out Venue venue, out string symbol);
                BookReplica expected = TestRecordings.Rebuild(events, venue, symbol);
                BookView view = await region.Ask<BookView>(new GetBook(id, 10_000), TimeSpan.FromSeconds(30));
                Assert.Equal(events.Count, view.EventsJournaled);
                Assert.Equal(expected.Book.IsValid, view.IsValid);
                Assert.Equal(expected.Book.LastUpdateId, view.LastUpdateId);
                Assert.Equal(expected.Book.Bids.Count, view.Bids.Count);
                Assert.Equal(expected.Book.Asks.Count, view.Asks.Count);
                for (int d = 0; d < view.Bids.Count; d++) Assert.Equal((expected.Book.Bids[d].Price, expected.Book.Bids[d].Quantity), (view.Bids[d].Price, view.Bids[d].Quantity));
                for (int d = 0; d < view.Asks.Count; d++) Assert.Equal((expected.Book.Asks[d].Price, expected.Book.Asks[d].Quantity), (view.Asks[d].Price, view.Asks[d].Quantity));
            }
            Assert.All(await EntitiesPerNode(hosts), n => Assert.True(n > 0));
        }
        finally
        {
            foreach (IHost h in hosts)
            {
                await h.StopAsync();
                h.Dispose();
            }
            await cleanup();
        }
    }

    private static async Task<int[]> EntitiesPerNode(IEnumerable<IHost> hosts)
    {
        var counts = new List<int>();
        foreach (IHost h in hosts)
        {
            var state = await h.BookRegion().Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
            counts.Add(state.Shards.Sum(s => s.EntityIds.Count));
        }
        return counts.ToArray();
    }
}
