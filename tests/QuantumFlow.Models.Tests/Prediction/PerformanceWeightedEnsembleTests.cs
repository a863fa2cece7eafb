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

    [Fact]
    public void Before_a_books_labels_the_members_proven_on_validation_lead_and_the_books_record_then_decides()
    {
        var options = new EnsembleOptions { HalfLife = 1_000, Floor = 0.05, PriorWeight = 100, FloorRamp = 300 };
        var e = new PerformanceWeightedEnsemble(["learner", "trained"], options, [null, 0.8]);
        // The learner is a uniform guess until it learns (prior ln 3), the trained member scored 0.8 on validation;
        // no label yet, so no floor either.
        Assert.True(e.WeightOf("trained") > 0.999, $"weights {string.Join(", ", e.Weights)}");
        var forgetful = new PerformanceWeightedEnsemble(["learner", "trained"], options with { PriorWeight = 0 }, [null, 0.8]);

        // The learner turns out right in this book and the trained member not.
        for (int i = 0; i < 150; i++)
        {
            e.Resolve([Peaked(LabelClass.Up), Peaked(LabelClass.Down)], LabelClass.Up);
            forgetful.Resolve([Peaked(LabelClass.Up), Peaked(LabelClass.Down)], LabelClass.Up);
        }
        Assert.True(e.WeightOf("learner") > 0.9, $"weights {string.Join(", ", e.Weights)}");
        // The floor has grown halfway (150 of 300 labels).
        Assert.Equal(0.025, e.WeightOf("trained"), 3);
        // The prior counted as 100 labels held the learner back for a few labels; without it the first label decides.
        var early = new PerformanceWeightedEnsemble(["learner", "trained"], options, [null, 0.8]);
        var earlyForgetful = new PerformanceWeightedEnsemble(["learner", "trained"], options with { PriorWeight = 0 }, [null, 0.8]);
        early.Resolve([Peaked(LabelClass.Up), Peaked(LabelClass.Down)], LabelClass.Up);
        earlyForgetful.Resolve([Peaked(LabelClass.Up), Peaked(LabelClass.Down)], LabelClass.Up);
        Assert.True(early.WeightOf("trained") > 0.99, $"weights {string.Join(", ", early.Weights)}");
        Assert.True(earlyForgetful.WeightOf("learner") > 0.99, $"weights {string.Join(", ", earlyForgetful.Weights)}");
    }

    [Fact]
    public void Validation_losses_must_match_the_models()
    {
        Assert.Throws<ArgumentException>(() => new PerformanceWeightedEnsemble(["a", "b"], null, [0.9]));
    }

    private static ClassProbabilities Peaked(LabelClass c) => c switch
    {
        LabelClass.Down => new(0.8, 0.1, 0.1),
        LabelClass.Flat => new(0.1, 0.8, 0.1),
        _ => new(0.1, 0.1, 0.8),
    };
}
