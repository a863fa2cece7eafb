using System.Collections.Immutable;
using QuantumFlow.Models.Prediction.Baselines;

namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>The baselines fit on other recordings (the training data) and scored beside the models: the logistic on its inputs, and the majority class.</summary>
public static class FittedBaselines
{
    /// <exception cref="ArgumentException"><paramref name="fitData"/> has no labelled prediction.</exception>
    public static List<(string Name, string FitOn, Func<EvaluationExample, ClassProbabilities> Predict)> Fit(
        IReadOnlyList<MarketExamples> fitData, ImmutableArray<string> baselineFeatures, string fitOn)
    {
        List<EvaluationExample> all = [.. fitData.SelectMany(m => m.Examples)];
        if (all.Count == 0) throw new ArgumentException($"no labelled predictions in the baseline data ({fitOn})");
        var majority = new MajorityClassModel(all.Select(e => e.Label));
        var logistic = LogisticRegressionModel.Fit(baselineFeatures, [.. all.Select(e => e.BaselineInputs)], [.. all.Select(e => e.Label)]);
        int[] map = logistic.Scaler.Bind(baselineFeatures);
        return
        [
            ("majority (baseline data)", fitOn, _ => majority.Probabilities),
            ("logistic (baseline data)", fitOn, e => logistic.PredictRow(e.BaselineInputs, map)),
        ];
    }
}
