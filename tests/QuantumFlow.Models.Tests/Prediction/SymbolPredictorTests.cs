using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Tests.Features;

namespace QuantumFlow.Models.Tests.Prediction;

/// <summary>The per-book prediction logic without actors, on a random market with one-sided books in it.</summary>
public sealed class SymbolPredictorTests
{
    [Fact]
    public void Batch_answers_that_arrive_after_the_label_are_still_scored_once_and_invalid_books_are_not_predicted()
    {
        var engine = new FeatureEngine();
        var learner = new DirichletStateModel();
        var predictor = new SymbolPredictor(engine.Schema, [learner], [new ModelInfo("late", "v1")], windowCapacity: 4,
            new LabelOptions { Horizon = 3, ThresholdBps = 0.5 });
        var waiting = new List<PendingPrediction>();
        var completed = new List<CompletedPrediction>();
        int invalid = 0, updates = 0;
        RandomMarket.Replay(RandomMarket.Generate(11, 1_500), engine, (_, _, v) =>
        {
            updates++;
            PendingPrediction? p = predictor.Observe(v);
            if (p is null)
            {
                invalid++;
                return;
            }
            Assert.False(p.IsComplete);
            Assert.True(p.Window!.Count is > 0 and <= 4);
            waiting.Add(p);
            // The batch model answers 10 predictions late: well after the 3-update horizon resolved their labels.
            if (waiting.Count > 10)
            {
                PendingPrediction old = waiting[0];
                waiting.RemoveAt(0);
                if (predictor.Complete(old.Sequence, 0, new ClassProbabilities(0.1, 0.1, 0.8)) is { } done) completed.Add(done);
                Assert.Null(predictor.Complete(old.Sequence, 0, ClassProbabilities.Uniform)); // a duplicate answer is ignored
            }
        });
        Assert.True(invalid > 0, "the random market should produce some one-sided books");
        Assert.Equal(updates - invalid - 10, completed.Count);
        Assert.Equal(completed.Select(c => c.Sequence).Order(), completed.Select(c => c.Sequence));
        // Every completed prediction whose label had resolved was scored at completion; the learner learned from each.
        Assert.True(predictor.Resolved >= completed.Count - 3, $"resolved {predictor.Resolved} of {completed.Count}");
        Assert.Equal(predictor.Resolved, learner.Updates);
        Assert.Equal(10 + (completed.Count - (int)predictor.Resolved), predictor.PendingCount);
        Assert.All(completed, c => Assert.Equal(1, c.Weights.Sum(), 9));
    }
}
