using System.Collections.Immutable;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Bayesian;

namespace QuantumFlow.Models.Tests.Prediction;

/// <summary>Synthetic streams where the label depends on the OFI sign: the learner must find it, and follow a switch.</summary>
public sealed class DirichletStateModelTests
{
    private static readonly ImmutableArray<string> Names =
        [FeatureNames.CksOfiNorm(5, 50), FeatureNames.VolumeImbalanceRatio, FeatureNames.SpreadBps];

    /// <summary>OFI of +-1 picks the state; with probability 0.8 the label follows it (UP after buying pressure, unless flipped).</summary>
    private static IEnumerable<(double[] Row, LabelClass Label)> Stream(Random rng, int n, bool flipped)
    {
        for (int i = 0; i < n; i++)
        {
            bool buy = rng.NextDouble() < 0.5;
            var row = new[] { buy ? 1.0 : -1.0, rng.NextDouble() * 0.2 - 0.1, 1.0 };
            bool up = buy != flipped;
            double u = rng.NextDouble();
            LabelClass label = u < 0.8 ? (up ? LabelClass.Up : LabelClass.Down) : u < 0.9 ? LabelClass.Flat : (up ? LabelClass.Down : LabelClass.Up);
            yield return (row, label);
        }
    }

    private static ClassProbabilities PredictFor(DirichletStateModel m, double ofi)
    {
        var w = new FeatureWindow(Names, 1);
        w.Push([ofi, 0, 1]);
        return m.Predict(w);
    }

    private static void Learn(DirichletStateModel m, IEnumerable<(double[] Row, LabelClass Label)> stream)
    {
        m.Bind(Names);
        foreach ((double[] row, LabelClass label) in stream) m.Learn(row, label);
    }

    [Fact]
    public void Converges_to_the_state_conditional_label_frequencies_on_a_stationary_stream()
    {
        var m = new DirichletStateModel();
        Learn(m, Stream(new Random(1), 20_000, flipped: false));
        ClassProbabilities afterBuying = PredictFor(m, 1), afterSelling = PredictFor(m, -1);
        Assert.Equal(0.8, afterBuying.Up, 1);
        Assert.Equal(0.1, afterBuying.Flat, 1);
        Assert.Equal(0.8, afterSelling.Down, 1);
        Assert.Equal(LabelClass.Up, afterBuying.Predicted);
        Assert.Equal(LabelClass.Down, afterSelling.Predicted);

        // The unconditioned (seed) model can only learn the overall mix: no signal.
        var seed = new DirichletStateModel(new DirichletStateOptions { Conditioned = false });
        Learn(seed, Stream(new Random(1), 20_000, flipped: false));
        Assert.InRange(PredictFor(seed, 1).Up, 0.35, 0.55);
    }

    [Fact]
    public void Adapts_after_a_regime_switch_because_it_forgets()
    {
        var options = new DirichletStateOptions { ForgettingHalfLife = 500 };
        var forgetting = new DirichletStateModel(options);
        var never = new DirichletStateModel(options with { ForgettingHalfLife = double.PositiveInfinity });
        foreach (DirichletStateModel m in new[] { forgetting, never })
        {
            Learn(m, Stream(new Random(2), 20_000, flipped: false));
            Learn(m, Stream(new Random(3), 3_000, flipped: true));
        }
        Assert.Equal(LabelClass.Down, PredictFor(forgetting, 1).Predicted);
        Assert.True(PredictFor(forgetting, 1).Down > 0.7, $"forgetting model after the switch: {PredictFor(forgetting, 1)}");
        Assert.Equal(LabelClass.Up, PredictFor(never, 1).Predicted); // without forgetting the old regime still dominates
    }

    [Fact]
    public void Forgetting_pulls_evidence_back_toward_the_prior()
    {
        var m = new DirichletStateModel(new DirichletStateOptions { ForgettingHalfLife = 10 });
        m.Bind(Names);
        double[] row = [1, 0, 1];
        m.Learn(row, LabelClass.Up);
        int state = m.StateOf(row);
        Assert.Equal(1, m.Evidence(state), 12);
        for (int i = 0; i < 10; i++) m.Learn([-1, 0, 1], LabelClass.Down);
        Assert.Equal(0.5, m.Evidence(state), 9);
    }
}
