using System.Collections.Immutable;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.Prediction.Evaluation;
using QuantumFlow.Models.Prediction.Logistic;
using QuantumFlow.Models.Prediction.Scaling;

namespace QuantumFlow.Models.Tests.Prediction;

/// <summary>The logistic member and the bias-corrected ensemble.</summary>
public sealed class CalibrationMembersTests
{
    [Fact]
    public void The_logistic_member_learns_online_per_book_and_round_trips_through_its_file()
    {
        ImmutableArray<string> names = ["x", "y"];
        var member = new LogisticMember
        {
            Version = "logistic/test",
            Scaler = new Scaler(names, [0, 0], [1, 1]),
            Weights = [0, 0, 0, 0, 0, 0, 0, 0, 0],
            LearningRate = 0.05,
            L2 = 1e-4,
            Label = LabelOptions.Trading,
        };
        string dir = Directory.CreateTempSubdirectory("qf-logistic-").FullName;
        try
        {
            member.Save(dir);
            LogisticMember loaded = LogisticMember.Load(dir)!;
            Assert.Equal(member.Weights.ToArray(), loaded.Weights.ToArray());
            Assert.Equal(member.Label, loaded.Label);
            Assert.Equal(names.ToArray(), loaded.Scaler.Names.ToArray());
            File.WriteAllText(Path.Combine(dir, LogisticMember.FileName), "{\"Version\":\"v\",\"Names\":[\"x\"],\"Means\":[0],\"Stds\":[1],\"Weights\":[1]}");
            Assert.Contains("do not fit together", Assert.Throws<InvalidDataException>(() => LogisticMember.Load(dir)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // Two books' copies: one sees UP whenever x > 0, the other never learns; the first moves, the second does not.
        IOnlineLearner a = member.Create(), b = member.Create();
        var window = new FeatureWindow(names, 1);
        window.Push([1.5, 0]);
        Assert.Equal(ClassProbabilities.Uniform.Up, a.Predict(window).Up, 9);
        b.Predict(window);
        for (int i = 0; i < 400; i++) a.Learn([i % 2 == 0 ? 1.5 : -1.5, 0], i % 2 == 0 ? LabelClass.Up : LabelClass.Down);
        Assert.True(a.Predict(window).Up > 0.6, $"P(up) {a.Predict(window).Up}");
        Assert.Equal(1.0 / 3, b.Predict(window).Up, 9);
    }

    [Fact]
    public void The_ensemble_weighs_by_the_record_from_the_first_labels_on()
    {
        // Without a prior: the score is the record alone.
        var ensemble = new PerformanceWeightedEnsemble(["good", "poor"], EnsembleOptions.Default with { PriorWeight = 0 });
        Assert.Equal(0.5, ensemble.WeightOf("good"), 9);
        var good = new ClassProbabilities(0.1, 0.1, 0.8);
        var poor = new ClassProbabilities(0.4, 0.3, 0.3);
        for (int i = 0; i < 20; i++) ensemble.Resolve([good, poor], LabelClass.Up);
        // Bias-corrected: 20 labels in, the scores are the mean log-loss so far (not 2 % of the way from -ln 3).
        Assert.Equal(-good.LogLoss(LabelClass.Up), ensemble.Scores[0], 9);
        Assert.True(ensemble.WeightOf("good") > 0.9, $"weight {ensemble.WeightOf("good")}");
    }

    [Fact]
    public void Inputs_at_their_clip_are_counted_per_valid_row()
    {
        var schema = FeatureSchema.Default;
        string input = FeatureNames.SpreadBps;
        var scaler = new Scaler([input], [0], [1], clip: 3);
        var counter = new InputClipCounter(scaler);
        var engine = new FeatureEngine();
        FeatureVector v = engine.Vector;
        int valid = schema.IndexOf(FeatureNames.BookValid), spread = schema.IndexOf(input);
        foreach ((double value, double isValid) in new[] { (1.0, 1.0), (5.0, 1.0), (-7.0, 1.0), (50.0, 0.0) })
        {
            v.Buffer[valid] = isValid;
            v.Buffer[spread] = value;
            counter.Observe(v);
        }
        Assert.Equal(3, counter.Rows); // the invalid book's row is not counted
        InputClip clip = Assert.Single(counter.Shares());
        Assert.Equal(2.0 / 3, clip.Share, 9);
    }
}
