using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Inspection;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Actors.Tests.Backtest;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Actors.Tests.Cluster;

/// <summary>
/// Predictions survive a shard handover: two nodes over TCP on one journal; the book lives on the first, which leaves
/// midway through a replay fed from the second. The book comes back on the second from its checkpoint (with the
/// pipeline's state) and the journal, and from its first event there predicts exactly what the journal replayed from
/// its start predicts.
/// </summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class HandoverEqualityTests : TestKit
{
    private const string Entity = "binance-usdm:BTCUSDT";

    public HandoverEqualityTests() : base("akka.loglevel = WARNING", "handover-equality-probe") { }

    [Fact]
    public async Task A_book_handed_over_to_another_node_predicts_there_what_a_run_that_never_moved_predicts()
    {
        string db = Path.Combine(Path.GetTempPath(), $"qf-handover-{Guid.NewGuid():N}.db");
        int[] ports = FreePorts.Take(2);
        PredictionOptions prediction = EqualityPrediction.Options();
        var options = new NodeOptions
        {
            Journal = JournalOptions.Parse("sqlite:" + db),
            SeedNodes = [$"akka.tcp://quantumflow@127.0.0.1:{ports[0]}"],
            Prediction = prediction,
            Inspection = new InspectionOptions { Enabled = false },
            Books = new BookActorOptions { SnapshotEvery = 3_000 },
        };
        var replay = ReplayOptions.AsFastAsPossible(TestRecordings.SampleSession) with { CheckpointEvery = TimeSpan.FromMilliseconds(50) };
        long payloads = TestRecordings.PayloadCount(TestRecordings.SampleSession);
        var onSecond = new ConcurrentQueue<PredictionEvent>();
        IHost? first = null;
        try
        {
            await JournalSchema.InitializeAsync(options);
            first = await QuantumFlowNode.StartAsync(options with { Port = ports[0] });
            // The book starts on the first node while it is the only one.
            await first.BookRegion().Ask<BookView>(new GetBook(Entity, 1), TimeSpan.FromSeconds(30));
            using IHost second = await QuantumFlowNode.StartAsync(options with { Port = ports[1] });
            await AwaitConditionAsync(() => Task.FromResult(Akka.Cluster.Cluster.Get(second.ActorSystem()).State.Members.Count(m => m.Status == MemberStatus.Up) == 2),
                TimeSpan.FromSeconds(30));

            ActorSystem system = second.ActorSystem();
            EqualityPrediction.Collect(system, onSecond);
            var positions = CreateTestProbe(system);
            system.EventStream.Subscribe(positions.Ref, typeof(ReplayProgress));
            var finished = CreateTestProbe(Sys);
            system.ActorOf(ReplayFeed.Props(replay, second.BookRegion(), finished.Ref), "replay");
            ReplayProgress at = positions.FishForMessage<ReplayProgress>(p => p.Payloads > payloads / 3 || p.Finished, TimeSpan.FromSeconds(120));
            Assert.False(at.Finished, "the replay finished before the first node could leave midway");
            Assert.Empty(onSecond); // the book still predicts on the first node

            await first.StopAsync(); // leaves the cluster: its shards are handed over
            first.Dispose();
            first = null;
            finished.ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(120));

            var source = EqualityPrediction.JournalSource(options.Journal, prediction);
            List<CompletedPrediction> replayed = [.. source.Steps(CancellationToken.None).Select(s => s.Prediction).OfType<CompletedPrediction>()];
            await Poll.Until(() => onSecond.LastOrDefault()?.Sequence == replayed[^1].Sequence, TimeSpan.FromSeconds(60),
                $"the second node's last prediction to be the journal's last, {replayed[^1].Sequence}");
            await second.StopAsync();

            // From the first event the second node ingested, every prediction is the journal's, none missing.
            List<PredictionEvent> published = [.. onSecond];
            Assert.True(published.Count > 1_000, $"only {published.Count} predictions on the second node");
            PredictionAssert.Same(published, [.. replayed.SkipWhile(p => p.Sequence < published[0].Sequence)]);
        }
        finally
        {
            first?.Dispose();
            SqliteJournal.Delete(db);
        }
    }
}
