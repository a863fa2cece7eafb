using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Outcomes;

/// <summary>
/// A symbol's recent predictions, bounded, each resolved with the label the predictor itself resolved for it (carried
/// by a later prediction, the node's <c>PredictionEvent.Resolved</c>): the outcome shown is the one the ensemble and
/// the learners were scored and taught with, never re-derived from published book tops.
/// </summary>
public sealed class PredictionHistory(int capacity)
{
    private readonly Queue<PredictionRecord> _records = new();
    private readonly Dictionary<long, PredictionRecord> _pending = new();
    private long _resolvedCount;

    public int Count => _records.Count;
    public long ResolvedCount => _resolvedCount;

    /// <summary>Resolves the earlier predictions <paramref name="labels"/> end, then keeps <paramref name="prediction"/>; returns the newly resolved records.</summary>
    /// <param name="labels">The labels the predictor resolved with the update <paramref name="prediction"/> was made on.</param>
    public IReadOnlyList<PredictionRecord> Observe(PredictionRecord prediction, IReadOnlyList<Label> labels)
    {
        List<PredictionRecord> resolved = [];
        foreach (Label label in labels)
        {
            if (!_pending.Remove(label.Sequence, out PredictionRecord? r)) continue;
            resolved.Add(Replace(r, r with { Outcome = label.Class, ReturnBps = label.ReturnBps, MidAtHorizon = label.FutureMid }));
            _resolvedCount++;
        }
        _records.Enqueue(prediction);
        _pending[prediction.Sequence] = prediction;
        while (_records.Count > capacity) _pending.Remove(_records.Dequeue().Sequence);
        return resolved;
    }

    /// <summary>The newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<PredictionRecord> Recent(int limit) => _records.Reverse().Take(limit).ToList();

    // Records are immutable: the resolved copy takes the pending one's place in the queue.
    private PredictionRecord Replace(PredictionRecord old, PredictionRecord resolved)
    {
        int n = _records.Count;
        for (int i = 0; i < n; i++)
        {
            PredictionRecord r = _records.Dequeue();
            _records.Enqueue(ReferenceEquals(r, old) ? resolved : r);
        }
        return resolved;
    }
}
