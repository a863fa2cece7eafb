using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;

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

    [Fact]
    public async Task A_node_stopped_midway_through_a_replay_resumes_it_after_a_restart_and_journals_no_event_twice()
    {
        string db = Path.Combine(Path.GetTempPath(), $"qf-node-{Guid.NewGuid():N}.db");
        var options = new NodeOptions { Journal = JournalOptions.Parse("sqlite:" + db), Prediction = new PredictionOptions { Enabled = false } };
        var replay = ReplayOptions.AsFastAsPossible(TestRecordings.SampleSession) with { CheckpointEvery = TimeSpan.FromMilliseconds(50) };
        const string entity = "binance-usdm:BTCUSDT";
        long expected = TestRecordings.EventsPerBook(TestRecordings.SampleSession)[entity];
        try
        {
            using (IHost first = await QuantumFlowNode.StartAsync(options))
            {
                var positions = CreateTestProbe(first.ActorSystem());
                first.ActorSystem().EventStream.Subscribe(positions.Ref, typeof(ReplayProgress));
                first.ActorSystem().ActorOf(ReplayFeed.Props(replay, first.BookRegion()), "replay");
                // Stopped once a position past the start is journaled.
                positions.FishForMessage<ReplayProgress>(p => p.Payloads > 0 || p.Finished, TimeSpan.FromSeconds(120));
                await first.StopAsync();
            }

            using IHost second = await QuantumFlowNode.StartAsync(options);
            var finished = CreateTestProbe(Sys);
            second.ActorSystem().ActorOf(ReplayFeed.Props(replay, second.BookRegion(), finished.Ref), "replay");
            ReplayFinished done = finished.ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(120));
            BookView after = await second.BookRegion().Ask<BookView>(new GetBook(entity, 1), TimeSpan.FromSeconds(30));
            Assert.Equal(expected, after.EventsJournaled);
            Assert.True(after.IsValid);
            Assert.InRange(done.Payloads, 1, TestRecordings.PayloadCount(TestRecordings.SampleSession) - 1); // resumed, not started over
            await second.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
        }
    }
}
