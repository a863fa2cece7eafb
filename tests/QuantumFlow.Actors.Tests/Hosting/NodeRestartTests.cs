using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Actors.Tests.Hosting;

/// <summary>A single node as `quantumflow run` starts it: SQLite journal, the shipped sample as the feed, then a restart.</summary>
public sealed class NodeRestartTests : TestKit
{
    public NodeRestartTests() : base("akka.loglevel = WARNING", "node-restart-probe") { }

    [Fact]
    public async Task A_restarted_node_serves_the_same_book_from_its_journal()
    {
        string db = Path.Combine(Path.GetTempPath(), $"qf-node-{Guid.NewGuid():N}.db");
        var options = new NodeOptions { Journal = JournalOptions.Parse("sqlite:" + db) };
        const string entity = "binance-usdm:BTCUSDT";
        try
        {
            BookView before;
            using (IHost first = await QuantumFlowNode.StartAsync(options))
            {
                var finished = CreateTestProbe(Sys);
                var spec = new FeedSpec(FeedKind.Replay) { Paths = TestRecordings.SampleSession, Speed = 0 };
                first.ActorSystem().ActorOf(spec.Props(first.BookRegion(), finished.Ref), spec.ActorName);
                ReplayFinished done = finished.ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(120));
                Assert.Equal(0, done.BadPayloads);
                before = await first.BookRegion().Ask<BookView>(new GetBook(entity, 50), TimeSpan.FromSeconds(10));
                await first.StopAsync();
            }
            Assert.True(before.IsValid);
            Assert.True(before.EventsJournaled > 70_000);

            using IHost second = await QuantumFlowNode.StartAsync(options);
            BookView after = await second.BookRegion().Ask<BookView>(new GetBook(entity, 50), TimeSpan.FromSeconds(30));
            Assert.Equal(before.EventsJournaled, after.EventsJournaled);
            Assert.Equal(before.LastUpdateId, after.LastUpdateId);
            Assert.True(after.IsValid);
            Assert.Equal(before.Bids, after.Bids);
            Assert.Equal(before.Asks, after.Asks);
            await second.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
        }
    }
}
