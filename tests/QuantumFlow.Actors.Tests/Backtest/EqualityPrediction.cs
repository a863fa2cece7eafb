using System.Collections.Concurrent;
using Akka.Actor;
using QuantumFlow.Actors.Backtest;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Actors.Tests.Backtest;

/// <summary>The predictor the live/replay equality tests run, and how they collect what a node publishes.</summary>
public static class EqualityPrediction
{
    /// <summary>
    /// The learners, an exported network the book follows itself (what `run` predicts with), any
    /// <paramref name="batchModels"/> answering from model actors, and a short horizon so labels resolve (and weights
    /// move) all along.
    /// </summary>
    public static PredictionOptions Options(params IProbabilisticModel[] batchModels) => new()
    {
        Enabled = true,
        TrainedModels = [.. batchModels, TestNetworks.Lstm("net", windowLength: 6,
            [FeatureNames.SpreadBps, FeatureNames.DepthImbalance, FeatureNames.VolumeImbalanceRatio, FeatureNames.MicroPriceBpsDeviation, FeatureNames.MidReturnBps])],
        Labels = LabelOptions.Default with { Horizon = 5, ThresholdBps = 0.5 },
        // Soft, so every weight moves with every label (the defaults pin a poor member at its floor): the equality
        // then covers weights that change all along.
        Ensemble = EnsembleOptions.Default with { Temperature = 0.2, Floor = 0.02 },
    };

    /// <summary>The sample's book replayed from <paramref name="journal"/> through the predictor of <paramref name="prediction"/>, model calls batched as a backtest makes them.</summary>
    public static JournalReplaySource JournalSource(JournalOptions journal, PredictionOptions prediction) =>
        new(journal, "binance-usdm:BTCUSDT", new PredictionReplay(prediction.CreatePredictor(Venue.BinanceUsdm, "BTCUSDT", copyWindows: true)), maxBatch: 64);

    /// <summary>Subscribes a collector of the node's published predictions (its local event stream) into <paramref name="into"/>.</summary>
    public static void Collect(ActorSystem system, ConcurrentQueue<PredictionEvent> into)
    {
        IActorRef collector = system.ActorOf(Props.Create(() => new Collector(into)), "prediction-collector");
        if (!system.EventStream.Subscribe(collector, typeof(PredictionEvent))) throw new InvalidOperationException("the collector did not subscribe");
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<PredictionEvent> into) => Receive<PredictionEvent>(into.Enqueue);
    }
}
