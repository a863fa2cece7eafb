using System.Collections.Concurrent;
using Akka.Actor;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Backtest;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Actors.Tests.Backtest;
using QuantumFlow.Host.Tests.Inspection;
using QuantumFlow.Host.Training;
using QuantumFlow.Inspection;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Host.Tests.Backtest;

/// <summary>
/// The backtest's guarantee with what `run` really predicts with: the shipped checkpoints (exported networks, each book
/// following them with its own state) and the online learners. A node journals the shipped sample with predictions
/// on; its journal, replayed with fresh model instances, predicts the same bits.
/// </summary>
public sealed class LiveReplayWithShippedModelsTests
{
    private const string Entity = "binance-usdm:BTCUSDT";

    [Fact]
    public async Task The_journal_replayed_with_the_shipped_models_predicts_bit_for_bit_what_the_node_predicted()
    {
        string db = Path.Combine(Path.GetTempPath(), $"qf-live-replay-models-{Guid.NewGuid():N}.db");
        NodeOptions options = PredictionModels.Attach(new NodeOptions
        {
            Journal = JournalOptions.Parse("sqlite:" + db),
            Inspection = new InspectionOptions { Enabled = false },
        }, Repository.PathOf("models"), TextWriter.Null);
        Assert.Equal(3, options.Prediction.TrainedModels.Count);
        var live = new ConcurrentQueue<PredictionEvent>();
        var replayed = new List<CompletedPrediction>();
        try
        {
            using (IHost node = await QuantumFlowNode.StartAsync(options))
            {
                ActorSystem system = node.ActorSystem();
                var finished = new TaskCompletionSource<ReplayFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
                IActorRef collector = system.ActorOf(Props.Create(() => new Collector(live, finished)));
                Assert.True(system.EventStream.Subscribe(collector, typeof(PredictionEvent)));
                var spec = new FeedSpec(FeedKind.Replay)
                {
                    Paths = [Repository.PathOf("data/samples/btcusdt_20240718.gz"), Repository.PathOf("data/samples/btcusdt_20240719.gz")],
                    Speed = 0,
                };
                system.ActorOf(spec.Props(node.BookRegion(), collector), spec.ActorName);
                Assert.Equal(0, (await finished.Task.WaitAsync(TimeSpan.FromSeconds(180))).BadPayloads);

                // Models for the replay: new instances (cold row caches), called in batches of up to 64 windows.
                PredictionOptions replayOptions = options.Prediction with { TrainedModels = PredictionModels.Load(Repository.PathOf("models")) };
                var source = new JournalReplaySource(options.Journal, Entity,
                    new PredictionReplay(replayOptions.CreatePredictor(Venue.BinanceUsdm, "BTCUSDT", copyWindows: true)), maxBatch: 64);
                foreach (ReplayStep step in source.Steps(CancellationToken.None))
                {
                    if (step.Prediction is { } p) replayed.Add(p);
                }
                Assert.True(replayed.Count > 5_000, $"only {replayed.Count} predictions replayed");
                await Poll.Until(() => live.Count >= replayed.Count, TimeSpan.FromSeconds(120), "the node publishes as many predictions as the replay made", TimeSpan.FromMilliseconds(50));
                await node.StopAsync();
            }
            PredictionAssert.Same([.. live], replayed);
            Assert.Equal(6, replayed[0].PerModel.Length); // two Dirichlet learners, the logistic member, three networks
        }
        finally
        {
            foreach (string f in Directory.EnumerateFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*")) File.Delete(f);
        }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<PredictionEvent> into, TaskCompletionSource<ReplayFinished> finished)
        {
            Receive<PredictionEvent>(into.Enqueue);
            Receive<ReplayFinished>(f => finished.TrySetResult(f));
        }
    }
}
