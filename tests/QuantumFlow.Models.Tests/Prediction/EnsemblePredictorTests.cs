using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Tests.Features;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Models.Tests.Prediction;

/// <summary>The per-book prediction logic without actors, on a random market with one-sided books in it.</summary>
public sealed class EnsemblePredictorTests
{
    /// <summary>A batch model's answer as a pure function of the window, varied enough that weights move.</summary>
    private static ClassProbabilities Answer(FeatureWindow w) =>
        ClassProbabilities.Softmax(Math.Sin(w.Latest[3] * 7), Math.Cos(w.Latest[5] * 3), 0.1 * w.Count);

    /// <summary>The engine reuses its vector; a caller that holds vectors back keeps copies.</summary>
    private static FeatureVector Clone(FeatureVector v)
    {
        var c = new FeatureVector(v.Schema)
        {
            Venue = v.Venue, Symbol = v.Symbol, Sequence = v.Sequence, TimeNs = v.TimeNs,
            ExchangeTimeNs = v.ExchangeTimeNs, ReceiveTimeNs = v.ReceiveTimeNs, Trigger = v.Trigger, BookUpdates = v.BookUpdates,
        };
        v.CopyTo(c.Buffer);
        return c;
    }

    private static List<FeatureVector> Vectors(int seed, int count)
    {
        var engine = new FeatureEngine();
        var vectors = new List<FeatureVector>();
        RandomMarket.Replay(RandomMarket.Generate(seed, count), engine, (_, _, v) => vectors.Add(Clone(v)));
        return vectors;
    }

    private sealed record Run(List<CompletedPrediction> Completed, long Resolved, long LearnerUpdates, double[] Scores, int Holds, int Invalid);

    /// <summary>
    /// Plays the vectors with the batch model answering <paramref name="lag"/> predictions late (0: at once), holding a
    /// vector back, as the actor does, while <see cref="EnsemblePredictor.CanObserve"/> says no.
    /// </summary>
    private static Run Play(List<FeatureVector> vectors, LabelOptions labels, int lag)
    {
        var learner = new DirichletStateModel();
        var predictor = new EnsemblePredictor(vectors[0].Schema, [learner], [new ModelInfo("late", "v1")], windowCapacity: 4, labels);
        var outstanding = new Queue<PendingPrediction>();
        var completed = new List<CompletedPrediction>();
        int holds = 0, invalid = 0;
        void AnswerOldest()
        {
            PendingPrediction old = outstanding.Dequeue();
            completed.Add(predictor.Complete(old.Sequence, 0, Answer(old.Window!)) ?? throw new InvalidOperationException("not completed"));
            Assert.Null(predictor.Complete(old.Sequence, 0, ClassProbabilities.Uniform)); // a duplicate answer is ignored
        }
        foreach (FeatureVector v in vectors)
        {
            if (!predictor.CanObserve(v))
            {
                holds++;
                Assert.Throws<InvalidOperationException>(() => predictor.Observe(v));
                while (!predictor.CanObserve(v)) AnswerOldest();
            }
            if (predictor.Observe(v) is not { } p)
            {
                invalid++;
                continue;
            }
            Assert.False(p.IsComplete);
            Assert.Equal(predictor.Ensemble.Weights.ToArray(), p.Weights.ToArray());
            outstanding.Enqueue(p);
            while (outstanding.Count > lag) AnswerOldest();
        }
        while (outstanding.Count > 0) AnswerOldest();
        return new Run(completed, predictor.Resolved, learner.Updates, [.. predictor.Ensemble.Scores], holds, invalid);
    }

    [Theory]
    [InlineData(HorizonUnit.Events, 3)]
    [InlineData(HorizonUnit.Milliseconds, 20)]
    public void Predictions_do_not_depend_on_when_the_batch_models_answer(HorizonUnit unit, long horizon)
    {
        List<FeatureVector> vectors = Vectors(11, 1_500);
        var labels = new LabelOptions { Unit = unit, Horizon = horizon, ThresholdBps = 0.5 };
        Run direct = Play(vectors, labels, lag: 0);
        Assert.True(direct.Invalid > 0, "the random market should produce some one-sided books");
        Assert.Equal(vectors.Count - direct.Invalid, direct.Completed.Count);
        Assert.Equal(0, direct.Holds);
        Assert.True(direct.Resolved > direct.Completed.Count / 2, $"only {direct.Resolved} labels resolved");
        Assert.Equal(direct.Resolved, direct.LearnerUpdates);
        Assert.True(direct.Completed.Select(c => c.Weights[1]).Distinct().Count() > 10, "the weights never moved");

        foreach (int lag in new[] { 1, 2, 10, 60 })
        {
            Run late = Play(vectors, labels, lag);
            Assert.Equal(direct.Completed.Count, late.Completed.Count);
            for (int i = 0; i < direct.Completed.Count; i++)
            {
                CompletedPrediction a = direct.Completed[i], b = late.Completed[i];
                Assert.Equal(a.Sequence, b.Sequence);
                Assert.Equal(a.PerModel.ToArray(), b.PerModel.ToArray());
                Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
                Assert.True(a.Ensemble == b.Ensemble, $"lag {lag}, prediction {a.Sequence}: {a.Ensemble} vs {b.Ensemble}");
            }
            Assert.Equal(direct.Resolved, late.Resolved);
            Assert.Equal(direct.LearnerUpdates, late.LearnerUpdates);
            Assert.Equal(direct.Scores, late.Scores);
            if (lag >= 60) Assert.True(late.Holds > 0, $"lag {lag} never had to hold a vector back");
        }
    }

    [Fact]
    public void Without_batch_models_a_prediction_is_complete_at_once_and_mixed_with_the_weights_it_was_made_with()
    {
        List<FeatureVector> vectors = Vectors(5, 600);
        var predictor = new EnsemblePredictor(vectors[0].Schema, [new DirichletStateModel(), new DirichletStateModel(DirichletStateOptions.Default with { Name = "plain", Conditioned = false })],
            [], windowCapacity: 1, new LabelOptions { Horizon = 2, ThresholdBps = 0.5 });
        int made = 0;
        foreach (FeatureVector v in vectors)
        {
            Assert.True(predictor.CanObserve(v));
            if (predictor.Observe(v) is not { } p) continue;
            Assert.True(p.IsComplete);
            Assert.Null(p.Window);
            CompletedPrediction done = predictor.Finish(p);
            Assert.Equal(predictor.Ensemble.Weights.ToArray(), done.Weights.ToArray());
            Assert.Equal(predictor.Ensemble.Combine(done.PerModel.AsSpan()), done.Ensemble);
            made++;
        }
        Assert.True(made > 400);
        Assert.True(predictor.Resolved >= made - 2);
    }

    [Fact]
    public void A_followed_network_answers_at_once_between_the_learners_and_the_batch_models_and_forgets_its_rows_on_reset()
    {
        List<FeatureVector> vectors = Vectors(7, 800);
        string[] features = [.. vectors[0].Schema.Names.Take(12)];
        NeuralSequenceModel network = TestNetworks.Lstm("net", windowLength: 6, features);
        var predictor = new EnsemblePredictor(vectors[0].Schema, [new DirichletStateModel()], [new ModelInfo("late", "v1")], windowCapacity: 4,
            new LabelOptions { Horizon = 3, ThresholdBps = 0.5 }, followed: [network]);
        Assert.Equal(["bayes-state", "net", "late"], predictor.Models.Select(m => m.Name));

        // What a book of the network alone answers for the same rows, a new book from the reset on.
        IBookModelState alone = network.Follow(vectors[0].Schema.Names);
        int reset = vectors.Count / 2, sinceReset = 0, checkedAfterReset = 0;
        for (int i = 0; i < vectors.Count; i++)
        {
            if (i == reset)
            {
                predictor.Reset();
                alone = network.Follow(vectors[0].Schema.Names);
                sinceReset = 0;
            }
            alone.Push(vectors[i].Values);
            sinceReset++;
            if (predictor.Observe(vectors[i]) is not { } p) continue;
            Assert.False(p.IsComplete); // the batch model has not answered
            Assert.Equal(alone.Predict(), p.PerModel[1]);
            if (i >= reset && sinceReset < network.WindowLength) checkedAfterReset++;
            CompletedPrediction done = predictor.Complete(p.Sequence, 0, ClassProbabilities.Uniform) ?? throw new InvalidOperationException("not completed");
            Assert.Equal(p.PerModel[1], done.PerModel[1]);
        }
        Assert.True(checkedAfterReset > 0, "no prediction was made from fewer than a window of rows after the reset");
        Assert.True(network.Usage.Predictions > 300);
    }
}
