using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Tests.Backtest;

/// <summary>The replay on the shipped sample: batching the model calls changes nothing, and a time range only trims the steps.</summary>
public sealed class PredictionReplayTests
{
    /// <summary>An answer that is a pure function of the window, so a wrong window shows.</summary>
    private sealed class WindowModel : IProbabilisticModel
    {
        public string Name => "window";
        public string Version => "test";
        public int WindowLength => 6;
        public ClassProbabilities Predict(FeatureWindow w) =>
            ClassProbabilities.Softmax(Math.Sin(w.Recent(Math.Min(5, w.Count - 1))[3] * 5), Math.Cos(w.Latest[5] * 3), 0.05 * w.Count);
    }

    private static readonly string[] Sample = [TestData.Sample("btcusdt_20240718.gz"), TestData.Sample("btcusdt_20240719.gz")];

    private static RecordingReplaySource Source(int maxBatch, bool everyEvent = true, long from = long.MinValue, long to = long.MaxValue)
    {
        var model = new WindowModel();
        return new RecordingReplaySource(Sample, "binance-usdm:BTCUSDT", (venue, symbol) => new PredictionReplay(new BookPredictor(venue, symbol, FeatureOptions.Default,
            [DirichletStateOptions.Default], [model], LabelOptions.Default with { Horizon = 10, ThresholdBps = 0.5 }, EnsembleOptions.Default,
            copyWindows: maxBatch > 1)), everyEvent, from, to, maxBatch);
    }

    private static void AssertSame(CompletedPrediction a, CompletedPrediction b)
    {
        Assert.Equal(a.Sequence, b.Sequence);
        Assert.Equal(a.PerModel.ToArray(), b.PerModel.ToArray());
        Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
        Assert.True(a.Ensemble == b.Ensemble, $"prediction {a.Sequence}: {a.Ensemble} vs {b.Ensemble}");
    }

    [Fact]
    public void Batched_model_calls_and_a_time_range_give_the_same_predictions_as_one_window_at_a_time()
    {
        List<ReplayStep> direct = [.. Source(maxBatch: 1).Steps(CancellationToken.None)];
        List<ReplayStep> batched = [.. Source(maxBatch: 64).Steps(CancellationToken.None)];
        Assert.True(direct.Count > 70_000, $"{direct.Count} steps");
        // Each run decodes its own events (records holding arrays): compare what identifies them.
        Assert.Equal(direct.Select(s => (s.Event.GetType(), s.Event.ReceiveTimeNs, s.Event.ExchangeTimeNs)),
            batched.Select(s => (s.Event.GetType(), s.Event.ReceiveTimeNs, s.Event.ExchangeTimeNs)));
        List<CompletedPrediction> predictions = [.. direct.Where(s => s.Prediction is not null).Select(s => s.Prediction!)];
        Assert.True(predictions.Count > 5_000, $"{predictions.Count} predictions");
        Assert.True(predictions.Select(p => p.Weights[1]).Distinct().Count() > 100, "the weights hardly moved");
        for (int i = 0; i < direct.Count; i++)
        {
            Assert.Equal(direct[i].Prediction is null, batched[i].Prediction is null);
            if (direct[i].Prediction is { } p) AssertSame(p, batched[i].Prediction!);
        }

        // A window of time: earlier events still warm the book and models, so its predictions are the full run's.
        long from = direct[direct.Count / 2].Event.ReceiveTimeNs, to = direct[direct.Count * 3 / 4].Event.ReceiveTimeNs;
        List<ReplayStep> window = [.. Source(maxBatch: 64, everyEvent: false, from, to).Steps(CancellationToken.None)];
        List<CompletedPrediction> expected = [.. direct.Where(s => s.Prediction is not null && s.Event.ReceiveTimeNs >= from && s.Event.ReceiveTimeNs < to).Select(s => s.Prediction!)];
        Assert.Equal(expected.Count, window.Count);
        for (int i = 0; i < expected.Count; i++) AssertSame(expected[i], window[i].Prediction!);
    }
}
