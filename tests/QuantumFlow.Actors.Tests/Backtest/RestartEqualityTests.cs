using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Inspection;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Actors.Tests.Backtest;

/// <summary>
/// Predictions survive a restart: a node stopped midway through a replay and started again predicts, from the first
/// event it ingests after the restart, exactly what the journal replayed from its start predicts (the learners, the
/// followed network's rows, the ensemble's scores and the labels waiting were restored from the book's checkpoint and
/// the journal after it, not started again).
/// </summary>
public sealed class RestartEqualityTests : TestKit
{
    private const string Entity = "binance-usdm:BTCUSDT";

    public RestartEqualityTests() : base("akka.loglevel = WARNING", "restart-equality-probe") { }

    [Fact]
    public async Task A_node_restarted_midway_predicts_from_its_first_new_event_what_a_run_that_never_stopped_predicts()
    {
        string db = Path.Combine(Path.GetTempPath(), $"qf-restart-equality-{Guid.NewGuid():N}.db");
        PredictionOptions prediction = EqualityPrediction.Options();
        var options = new NodeOptions
        {
            Journal = JournalOptions.Parse("sqlite:" + db),
            Prediction = prediction,
            Inspection = new InspectionOptions { Enabled = false },
            // Several checkpoints before the stop, so recovery starts from one and replays the journal after it.
            Books = new BookActorOptions { SnapshotEvery = 3_000 },
        };
        var replay = ReplayOptions.AsFastAsPossible(TestRecordings.SampleSession) with { CheckpointEvery = TimeSpan.FromMilliseconds(50) };
        long payloads = TestRecordings.PayloadCount(TestRecordings.SampleSession);
        var published = new ConcurrentQueue<PredictionEvent>();
        try
        {
            using (IHost first = await QuantumFlowNode.StartAsync(options))
            {
                var positions = CreateTestProbe(first.ActorSystem());
                first.ActorSystem().EventStream.Subscribe(positions.Ref, typeof(ReplayProgress));
                first.ActorSystem().ActorOf(ReplayFeed.Props(replay, first.BookRegion()), "replay");
                ReplayProgress at = positions.FishForMessage<ReplayProgress>(p => p.Payloads > payloads / 3 || p.Finished, TimeSpan.FromSeconds(120));
                Assert.False(at.Finished, "the replay finished before the node could be stopped midway");
                await first.StopAsync();
            }

            using IHost node = await QuantumFlowNode.StartAsync(options);
            ActorSystem system = node.ActorSystem();
            EqualityPrediction.Collect(system, published);

            // Recovered from a checkpoint that carries the pipeline's state, and the journal after it (predicted again, not published).
            BookView recovered = await node.BookRegion().Ask<BookView>(new GetBook(Entity, 1), TimeSpan.FromSeconds(60));
            BookCheckpoint checkpoint = await LatestCheckpoint(system);
            Assert.NotNull(checkpoint.Pipeline);
            Assert.InRange(checkpoint.EventsJournaled, 1, recovered.EventsJournaled);

            var finished = CreateTestProbe(Sys);
            system.ActorOf(ReplayFeed.Props(replay, node.BookRegion(), finished.Ref), "replay");
            finished.ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(120));

            var source = EqualityPrediction.JournalSource(options.Journal, prediction);
            // One step per journaled event: the predictions of the events journaled after the restart.
            List<CompletedPrediction> after = [.. source.Steps(CancellationToken.None).Skip((int)recovered.EventsJournaled)
                .Select(s => s.Prediction).OfType<CompletedPrediction>()];
            Assert.True(after.Count > 1_000, $"only {after.Count} predictions after the restart");
            await AwaitConditionAsync(() => Task.FromResult(published.Count >= after.Count), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50),
                $"the restarted node made fewer predictions than the {after.Count} the journal gives after its restart");
            await node.StopAsync();

            // No warm-up and nothing lost: the first event after the restart already predicts, and every prediction is the journal's.
            PredictionAssert.Same([.. published], after);
        }
        finally
        {
            SqliteJournal.Delete(db);
        }
    }

    private async Task<BookCheckpoint> LatestCheckpoint(ActorSystem system)
    {
        IActorRef store = Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        var loaded = await store.Ask<LoadSnapshotResult>(
            new LoadSnapshot(BookActor.PersistenceIdOf(Entity), SnapshotSelectionCriteria.Latest, long.MaxValue), TimeSpan.FromSeconds(10));
        return Assert.IsType<BookCheckpoint>(loaded.Snapshot?.Snapshot);
    }
}
