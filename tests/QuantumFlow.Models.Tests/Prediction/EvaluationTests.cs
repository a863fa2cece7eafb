using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Baselines;
using QuantumFlow.Models.Prediction.Evaluation;
using QuantumFlow.Models.Prediction.Training;

namespace QuantumFlow.Models.Tests.Prediction;

public sealed class EvaluationTests
{
    [Fact]
    public void Metrics_match_a_hand_computed_confusion_matrix()
    {
        // truth:     D D F F F U
        // predicted: D F F F U U
        LabelClass[] truth = [LabelClass.Down, LabelClass.Down, LabelClass.Flat, LabelClass.Flat, LabelClass.Flat, LabelClass.Up];
        ClassProbabilities[] p = [new(0.6, 0.2, 0.2), new(0.3, 0.5, 0.2), new(0.1, 0.8, 0.1), new(0.2, 0.6, 0.2), new(0.1, 0.3, 0.6), new(0.1, 0.1, 0.8)];
        ClassificationReport r = ClassificationReport.Compute("m", p, truth);
        Assert.Equal(4.0 / 6, r.Accuracy, 12);
        Assert.Equal((0.5 + 2.0 / 3 + 1) / 3, r.BalancedAccuracy, 12);
        Assert.Equal(new[] { 1, 1, 0 }, r.Confusion[0]);
        Assert.Equal(new[] { 1.0, 2.0 / 3, 0.5 }, r.Precision);
        double f1Down = 2 * 1 * 0.5 / 1.5, f1Flat = 2.0 / 3, f1Up = 2 * 0.5 * 1 / 1.5;
        Assert.Equal((f1Down + f1Flat + f1Up) / 3, r.MacroF1, 12);
        Assert.Equal(-(Math.Log(0.6) + Math.Log(0.3) + Math.Log(0.8) + Math.Log(0.6) + Math.Log(0.3) + Math.Log(0.8)) / 6, r.LogLoss, 12);
        Assert.Equal(6, r.Calibration.Sum(b => b.Count));
    }

    [Fact]
    public void The_chronological_split_keeps_a_purge_gap_and_never_mixes_sessions()
    {
        var s = new SessionRows("a", "x:Y", ["f"]);
        for (int i = 0; i < 1_000; i++)
        {
            s.Rows.Add([i]);
            s.Labels.Add(i < 990 ? LabelClass.Flat : null);
            s.TimesNs.Add(i);
        }
        ChronologicalSplit split = ChronologicalSplit.Make([s], window: 10, horizonRows: 10);
        Assert.Equal(20, split.Purge);
        int lastTrain = split.Train.Max(e => e.Row), firstVal = split.Validation.Min(e => e.Row);
        int lastVal = split.Validation.Max(e => e.Row), firstTest = split.Test.Min(e => e.Row);
        Assert.True(firstVal - lastTrain > 10 + 10, $"{lastTrain} -> {firstVal}");
        Assert.True(firstTest - lastVal > 10 + 10, $"{lastVal} -> {firstTest}");
        Assert.Equal(9, split.Train.Min(e => e.Row)); // the first full window
        Assert.True(split.Test.Max(e => e.Row) < 990);  // unlabelled rows never become examples
    }

    [Fact]
    public void Logistic_regression_finds_a_linear_signal_the_majority_baseline_cannot()
    {
        var rng = new Random(5);
        var rows = new List<double[]>();
        var labels = new List<LabelClass>();
        for (int i = 0; i < 3_000; i++)
        {
            double x = rng.NextDouble() * 2 - 1;
            rows.Add([x * 100, rng.NextDouble()]);
            labels.Add(x > 0.3 ? LabelClass.Up : x < -0.3 ? LabelClass.Down : LabelClass.Flat);
        }
        var model = LogisticRegressionModel.Fit(["signal", "noise"], rows, labels);
        var majority = new MajorityClassModel(labels);
        int[] map = model.Scaler.Bind(["signal", "noise"]);
        ClassificationReport lr = ClassificationReport.Compute("logistic", rows.Select(r => model.PredictRow(r, map)).ToList(), labels);
        ClassificationReport mj = ClassificationReport.Compute("majority", rows.Select(_ => majority.Probabilities).ToList(), labels);
        Assert.True(lr.BalancedAccuracy > 0.85, $"logistic balanced accuracy {lr.BalancedAccuracy:F3}");
        Assert.Equal(1.0 / 3, mj.BalancedAccuracy, 9);
    }
}
