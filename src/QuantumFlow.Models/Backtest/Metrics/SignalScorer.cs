using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Evaluation;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Backtest.Metrics;

/// <summary>
/// Scores the signal the strategies traded on against the labels that later came true. The labels are the
/// predictor's own (<see cref="CompletedPrediction.Resolved"/>): the ones its ensemble and learners learned from,
/// under the checkpoints' label definition, never re-derived here. A prediction is scored when a later prediction
/// carries its label. Confusion and calibration then come from <see cref="ClassificationReport"/>.
/// </summary>
public sealed class SignalScorer
{
    private readonly Dictionary<long, (ClassProbabilities Said, LabelClass Call)> _waiting = new();
    private readonly List<ScoredPrediction> _scored = new();

    public int Scored => _scored.Count;

    /// <summary>Each scored prediction in the order its label resolved: sequence, what the ensemble said, what came true.</summary>
    public IReadOnlyList<ScoredPrediction> Examples => _scored;

    /// <summary>A prediction the strategies saw, and the labels its point resolved.</summary>
    /// <param name="scored">False for a prediction outside the trading window: its labels still resolve earlier ones.</param>
    public void Observe(CompletedPrediction prediction, bool scored = true)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        foreach (Label label in prediction.Resolved)
        {
            if (_waiting.Remove(label.Sequence, out var p)) _scored.Add(new ScoredPrediction(label.Sequence, p.Said, label.Class, label.ReturnBps, p.Call));
        }
        if (scored) _waiting[prediction.Sequence] = (prediction.Ensemble, prediction.Call);
    }

    /// <summary>A gap in the data: the predictor dropped its pending predictions, so their labels never come.</summary>
    public void Reset() => _waiting.Clear();

    public ClassificationReport? Report(string model) => _scored.Count == 0 ? null
        : ClassificationReport.Compute(model, [.. _scored.Select(s => s.Said)], [.. _scored.Select(s => s.Label)], calls: [.. _scored.Select(s => s.Call)]);
}

/// <summary>One resolved prediction of the backtested signal: the ensemble's probabilities and its call, and what came true.</summary>
public readonly record struct ScoredPrediction(long Sequence, ClassProbabilities Said, LabelClass Label, double ReturnBps, LabelClass Call);
