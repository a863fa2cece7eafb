using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Tests.Features;

namespace QuantumFlow.Models.Tests.Prediction;

/// <summary>
/// A replay that loops feeds a book the same recording again, its times going back to the start: the features and the
/// labels must start over with it, or a time horizon would see the whole second pass as one instant and never resolve.
/// </summary>
public sealed class RecordingStartsOverTests
{
    [Fact]
    public void A_second_pass_of_a_recording_predicts_and_resolves_labels_as_the_first_did()
    {
        MarketEvent[] pass = [.. ScaleInvarianceTests.Events(Path.Combine(TestData.RepoRoot, "data", "samples", "btcusdt_20240718.gz"))];
        var book = new BookPredictor(Venue.BinanceUsdm, "BTCUSDT", FeatureOptions.Default, [DirichletStateOptions.Default], [],
            LabelOptions.Trading, EnsembleOptions.Default, copyWindows: false);
        var resolved = new long[2];
        var sequences = new HashSet<long>();
        long lastTime = 0, wentBack = 0;
        for (int p = 0; p < 2; p++)
        {
            // As the replay feed starts a pass: the books resync from the pass's own snapshot.
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
            if (p > 0) book.Apply(new FeedGap(Venue.BinanceUsdm, "BTCUSDT", now, now, "replay started"));
            foreach (MarketEvent e in pass)
            {
                if (book.Apply(e) is not { } vector) continue;
                if (vector.TimeNs < lastTime) wentBack++;
                lastTime = vector.TimeNs;
                if (book.Predictor.Observe(vector) is not { } pending) continue;
                CompletedPrediction done = book.Predictor.Finish(pending);
                Assert.True(sequences.Add(done.Sequence), $"sequence {done.Sequence} repeated");
                resolved[p] += done.Resolved.Length;
            }
        }
        Assert.Equal(1, wentBack); // the clock went back once, at the second pass's snapshot
        Assert.True(resolved[0] > 1_000, $"{resolved[0]} labels in the first pass");
        Assert.Equal(resolved[0], resolved[1]); // the second pass resolves exactly as many
    }
}
