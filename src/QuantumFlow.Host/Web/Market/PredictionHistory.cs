using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Labels;

namespace QuantumFlow.Host.Web.Market;

/// <summary>
/// A symbol's recent predictions, bounded, resolved against later mids with the node's label options: a prediction
/// made at sequence s (time t) is resolved by the first prediction at s + h events (or t + h ms) or later, with the
/// mid of the latest book top then. Book tops are published per journaled batch, so the mid is the one of the batch
/// that carried that update: close to, not exactly, the label the predictor learns from.
/// </summary>
public sealed class PredictionHistory(LabelOptions labels, int capacity)
{
    private readonly Queue<PredictionRecord> _records = new();
    private readonly List<PredictionRecord> _pending = [];
    private long _resolvedCount;

    public int Count => _records.Count;
    public long ResolvedCount => _resolvedCount;

    /// <summary>Resolves what <paramref name="p"/> ends, then keeps <paramref name="p"/>; returns the newly resolved records.</summary>
    public IReadOnlyList<PredictionRecord> Observe(PredictionEvent p, double mid)
    {
        var resolved = new List<PredictionRecord>();
        if (mid > 0)
        {
            int done = 0;
            while (done < _pending.Count && HorizonPassed(_pending[done], p)) done++;
            for (int i = 0; i < done; i++)
            {
                PredictionRecord r = _pending[i];
                double ret = (mid - r.MidAtPrediction) / r.MidAtPrediction * 1e4;
                resolved.Add(Replace(r, r with { Outcome = LabelOptions.Classify(ret, labels.ThresholdBps), ReturnBps = ret, MidAtHorizon = mid }));
            }
            _pending.RemoveRange(0, done);
            _resolvedCount += done;
        }
        var record = new PredictionRecord(p.Sequence, p.TimeNs, p.Predicted, p.Confidence, p.Down, p.Flat, p.Up, p.Models, mid);
        _records.Enqueue(record);
        if (mid > 0) _pending.Add(record);
        while (_records.Count > capacity)
        {
            PredictionRecord old = _records.Dequeue();
            if (_pending.Count > 0 && ReferenceEquals(_pending[0], old)) _pending.RemoveAt(0);
        }
        return resolved;
    }

    /// <summary>The newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<PredictionRecord> Recent(int limit) => _records.Reverse().Take(limit).ToList();

    private bool HorizonPassed(PredictionRecord r, PredictionEvent now) => labels.Unit == HorizonUnit.Milliseconds
        ? now.TimeNs - r.TimeNs >= labels.Horizon * 1_000_000
        : now.Sequence - r.Sequence >= labels.Horizon;

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
