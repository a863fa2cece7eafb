using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Inspection;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Actors.Tests.Backtest;

/// <summary>
/// The backtest's guarantee: a node runs the shipped sample as its live feed with predictions on, and the journal it
/// wrote, replayed through <see cref="PredictionReplay"/>, gives the same predictions bit for bit.
/// </summary>
public sealed class LiveReplayEqualityTests : TestKit
{
    private const string Entity = "binance-usdm:BTCUSDT";

    public LiveReplayEqualityTests() : base("akka.loglevel = WARNING", "live-replay-probe") { }

    /// <summary>The equality predictor with a window model answering from a model actor.</summary>
    public static PredictionOptions Options(WindowModel model) => EqualityPrediction.Options(model);

    [Fact]
    public async Task The_journal_replayed_predicts_bit_for_bit_what_the_live_node_predicted()
    {
        string db = Path.Combine(Path.GetTempPath(), $"qf-live-replay-{Guid.NewGuid():N}.db");
        PredictionOptions prediction = Options(new WindowModel(8));
        var options = new NodeOptions
        {
            Journal = JournalOptions.Parse("sqlite:" + db),
            Prediction = prediction,
            Inspection = new InspectionOptions { Enabled = false },
        };
        var live = new ConcurrentQueue<PredictionEvent>();
        try
        {
            var replayed = new List<CompletedPrediction>();
            long steps = 0;
            using (IHost node = await QuantumFlowNode.StartAsync(options))
            {
                ActorSystem system = node.ActorSystem();
                EqualityPrediction.Collect(system, live);
                var finished = CreateTestProbe(Sys);
                var spec = new FeedSpec(FeedKind.Replay) { Paths = TestRecordings.SampleSession, Speed = 0 };
                system.ActorOf(spec.Props(node.BookRegion(), finished.Ref), spec.ActorName);
                Assert.Equal(0, finished.ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(120)).BadPayloads);

                // Every batch is journaled (acknowledged): read the journal back while the node finishes predicting, with
                // the model calls batched as a backtest makes them.
                var source = EqualityPrediction.JournalSource(options.Journal, prediction);
                foreach (ReplayStep step in source.Steps(CancellationToken.None))
                {
                    steps++;
                    if (step.Prediction is { } p) replayed.Add(p);
                }
                Assert.True(source.Entries > 10, $"only {source.Entries} journal entries");
                Assert.True(replayed.Count > 5_000, $"only {replayed.Count} predictions replayed");
                await AwaitConditionAsync(() => Task.FromResult(live.Count >= replayed.Count), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50),
                    $"the live node made fewer predictions than the {replayed.Count} replayed");
                BookView book = await node.BookRegion().Ask<BookView>(new GetBook(Entity, 1), TimeSpan.FromSeconds(10));
                Assert.Equal(book.EventsJournaled, steps);
                await node.StopAsync();
            }
            PredictionAssert.Same([.. live], replayed);
            Assert.True(replayed.Select(p => p.Weights[2]).Distinct().Count() > 100, "the weights hardly moved: the test would prove little");
        }
        finally
        {
            SqliteJournal.Delete(db);
        }
    }
}
