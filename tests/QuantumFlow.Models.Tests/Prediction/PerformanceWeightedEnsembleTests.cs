using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Ensembles;

namespace QuantumFlow.Models.Tests.Prediction;

public sealed class PerformanceWeightedEnsembleTests
{
    [Theory]
    [InlineData(EnsembleScore.LogLoss)]
    [InlineData(EnsembleScore.Accuracy)]
    public void Weights_move_toward_the_model_that_is_right_and_respect_the_floor(EnsembleScore score)
    {
        var e = new PerformanceWeightedEnsemble(["right", "wrong", "unsure"], new EnsembleOptions { Score = score, Floor = 0.05, HalfLife = 50 });
        Assert.All(e.Weights, w => Assert.Equal(1.0 / 3, w, 12));
        var rng = new Random(4);
        for (int i = 0; i < 500; i++)
        {
            var label = (LabelClass)rng.Next(3);
            var wrong = (LabelClass)(((int)label + 1) % 3);
            ReadOnlySpan<ClassProbabilities> said = [Peaked(label), Peaked(wrong), ClassProbabilities.Uniform];
            e.Resolve(said, label);
        }
        Assert.True(e.WeightOf("right") > 0.85, $"weights {string.Join(", ", e.Weights)}");
        Assert.Equal(0.05, e.WeightOf("wrong"), 3);
        Assert.Equal(1, e.Weights.Sum(), 12);
        ClassProbabilities mixed = e.Combine([Peaked(LabelClass.Up), Peaked(LabelClass.Down), ClassProbabilities.Uniform]);
        Assert.Equal(LabelClass.Up, mixed.Predicted);
    }

    [Fact]
    public void A_model_that_starts_being_right_regains_weight()
    {
        var e = new PerformanceWeightedEnsemble(["a", "b"], new EnsembleOptions { HalfLife = 20 });
        for (int i = 0; i < 200; i++) e.Resolve([Peaked(LabelClass.Up), Peaked(LabelClass.Down)], LabelClass.Up);
        Assert.True(e.WeightOf("a") > 0.9);
        for (int i = 0; i < 200; i++) e.Resolve([Peaked(LabelClass.Up), Peaked(LabelClass.Down)], LabelClass.Down);
        Assert.True(e.WeightOf("b") > 0.9, $"weights {string.Join(", ", e.Weights)}");
    }

    private static ClassProbabilities Peaked(LabelClass c) => c switch
    {
        LabelClass.Down => new(0.8, 0.1, 0.1),
        LabelClass.Flat => new(0.1, 0.8, 0.1),
        _ => new(0.1, 0.1, 0.8),
    };
}
