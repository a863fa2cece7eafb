using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Evaluation;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Backtest.Metrics;

/// <summary>
/// Scores the signal the strategies traded on against the labels that later came true: each prediction's point (its
/// mid and spread in the backtest's book) goes through the same online <see cref="Labeler"/> as live, and a prediction
/// is scored once its horizon has passed. Confusion and calibration then come from <see cref="ClassificationReport"/>.
/// </summary>
public sealed class SignalScorer
{
    private readonly Labeler _labeler;
    private readonly Dictionary<long, ClassProbabilities> _waiting = new();
    private readonly List<ClassProbabilities> _predicted = new();
    private readonly List<LabelClass> _truth = new();
    private long _lastTimeNs = long.MinValue;

    public SignalScorer(LabelOptions? labels = null) => _labeler = new Labeler(labels);

    public int Scored => _truth.Count;

    public void Observe(CompletedPrediction prediction, double mid, double spreadBps)
    {
        if (!(mid > 0)) return;
        // The labeler needs time order; predictions of one book come in order, so this only guards equal or skewed stamps.
        _lastTimeNs = Math.Max(_lastTimeNs, prediction.TimeNs);
        _waiting[prediction.Sequence] = prediction.Ensemble;
        _labeler.Observe(new LabelPoint(prediction.Sequence, _lastTimeNs, mid, spreadBps));
        while (_labeler.TryTake(out Label label))
        {
            if (!_waiting.Remove(label.Sequence, out ClassProbabilities p)) continue;
            _predicted.Add(p);
            _truth.Add(label.Class);
        }
    }

    /// <summary>A gap in the data: horizons across it would be wrong.</summary>
    public void Reset()
    {
        _labeler.Reset();
        _waiting.Clear();
        _lastTimeNs = long.MinValue;
    }

    public ClassificationReport? Report(string model) => _truth.Count == 0 ? null : ClassificationReport.Compute(model, _predicted, _truth);
}
