using QuantumFlow.Models.Features;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Labels;

/// <summary>
/// Resolves labels online: observe points in time order; once a later point proves the horizon of an earlier one has
/// passed, that point's label becomes available from <see cref="TryTake"/>, oldest first. A label is final when it
/// appears and uses nothing beyond its horizon. Agrees exactly in class (and to rounding in return) with
/// <see cref="BatchLabeler"/>. O(1) amortized per point; allocates only while the pending queue grows.
/// <para>
/// Events: the label of point i resolves when point i + h arrives. Milliseconds: the mid at t + h is that of the last
/// point at or before t + h, known only once a point after t + h arrives, which resolves it.
/// </para>
/// </summary>
public sealed class Labeler
{
    private readonly LabelOptions _options;
    private readonly long _horizonNs;
    private readonly double _horizonMs;
    private Pending[] _pending = new Pending[64];
    private int _head;
    private int _count;
    private Label[] _resolved = new Label[64];
    private int _resolvedHead;
    private int _resolvedCount;

    // Running sums relative to the first mid, so they stay small: point prefix sums (events) or the integral of the
    // mid path in mid x ms (time).
    private bool _started;
    private double _reference;
    private double _prefix;
    private long _lastTimeNs;
    private double _lastMid;

    private int _midIndex = -1, _spreadIndex = -1, _validIndex = -1, _volatilityIndex = -1;
    private FeatureSchema? _schema;

    public Labeler(LabelOptions? options = null)
    {
        _options = options ?? LabelOptions.Default;
        _options.Validate();
        _horizonNs = _options.Unit == HorizonUnit.Milliseconds ? checked(_options.Horizon * 1_000_000) : 0;
        _horizonMs = _options.Horizon;
    }

    public LabelOptions Options => _options;

    /// <summary>Points observed and not yet labelled.</summary>
    public int PendingCount => _count;

    /// <summary>Labels resolved and not yet taken.</summary>
    public int ResolvedCount => _resolvedCount;

    /// <summary>
    /// Observes a feature vector: its sequence, time, mid_price, spread_bps and the configured volatility feature
    /// (x 1e4, to bps). Vectors of an invalid book (book_valid = 0) have no price and are skipped: returns false.
    /// </summary>
    public bool Observe(FeatureVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (!ReferenceEquals(vector.Schema, _schema))
        {
            FeatureSchema s = vector.Schema;
            _midIndex = s.IndexOf(FeatureNames.MidPrice);
            _spreadIndex = s.IndexOf(FeatureNames.SpreadBps);
            _validIndex = s.IndexOf(FeatureNames.BookValid);
            _volatilityIndex = _options.Mode == ThresholdMode.Volatility ? s.IndexOf(_options.VolatilityFeature) : -1;
            _schema = s;
        }
        if (vector[_validIndex] != 1) return false;
        double vol = _volatilityIndex >= 0 ? vector[_volatilityIndex] * 1e4 : 0;
        Observe(new LabelPoint(vector.Sequence, vector.TimeNs, vector[_midIndex], vector[_spreadIndex], vol));
        return true;
    }

    /// <exception cref="ArgumentOutOfRangeException">the mid is not positive and finite, or time went backwards.</exception>
    public void Observe(in LabelPoint point)
    {
        if (!(point.Mid > 0) || !double.IsFinite(point.Mid))
            throw new ArgumentOutOfRangeException(nameof(point), $"mid {point.Mid} of point {point.Sequence} is not a positive price");
        if (_started && point.TimeNs < _lastTimeNs)
            throw new ArgumentOutOfRangeException(nameof(point), $"point {point.Sequence} at {point.TimeNs} ns is older than the last point at {_lastTimeNs} ns");
        if (!_started)
        {
            _started = true;
            _reference = point.Mid;
            _lastTimeNs = point.TimeNs;
            _lastMid = point.Mid;
        }

        if (_options.Unit == HorizonUnit.Events)
        {
            _prefix += point.Mid - _reference;
            Enqueue(point, _prefix);
            if (_count > _options.Horizon)
            {
                ref Pending p = ref _pending[_head];
                double future = _options.Smoothed ? _reference + (_prefix - p.Prefix) / _options.Horizon : point.Mid;
                Resolve(p, future);
                Dequeue();
            }
        }
        else
        {
            // Everything pending has t + h >= the last point's time: the last mid held from there until t + h.
            while (_count > 0 && _pending[_head].TimeNs + _horizonNs < point.TimeNs)
            {
                ref Pending p = ref _pending[_head];
                double future = _lastMid;
                if (_options.Smoothed)
                {
                    double end = _prefix + (_lastMid - _reference) * ((p.TimeNs + _horizonNs - _lastTimeNs) / 1e6);
                    future = _reference + (end - p.Prefix) / _horizonMs;
                }
                Resolve(p, future);
                Dequeue();
            }
            _prefix += (_lastMid - _reference) * ((point.TimeNs - _lastTimeNs) / 1e6);
            Enqueue(point, _prefix);
        }
        _lastTimeNs = point.TimeNs;
        _lastMid = point.Mid;
    }

    public bool TryTake(out Label label)
    {
        if (_resolvedCount == 0)
        {
            label = default;
            return false;
        }
        label = _resolved[_resolvedHead];
        _resolvedHead = (_resolvedHead + 1) % _resolved.Length;
        _resolvedCount--;
        return true;
    }

    /// <summary>Drops pending points and untaken labels (a gap in the data: horizons across it would be wrong).</summary>
    public void Save(StateWriter w)
    {
        w.Write(_count);
        for (int k = 0; k < _count; k++)
        {
            Pending p = _pending[(_head + k) % _pending.Length];
            w.Write(p.Sequence);
            w.Write(p.TimeNs);
            w.Write(p.Mid);
            w.Write(p.Threshold);
            w.Write(p.Prefix);
        }
        w.Write(_resolvedCount);
        for (int k = 0; k < _resolvedCount; k++)
        {
            Label l = _resolved[(_resolvedHead + k) % _resolved.Length];
            w.Write(l);
        }
        w.Write(_started);
        w.Write(_reference);
        w.Write(_prefix);
        w.Write(_lastTimeNs);
        w.Write(_lastMid);
    }

    public void Load(StateReader r)
    {
        int count = r.ReadInt32();
        if (count < 0) throw new InvalidDataException($"predictor state: {count} pending labels");
        _pending = new Pending[Math.Max(64, count)];
        for (int k = 0; k < count; k++) _pending[k] = new Pending(r.ReadInt64(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        _head = 0;
        _count = count;
        int resolved = r.ReadInt32();
        if (resolved < 0) throw new InvalidDataException($"predictor state: {resolved} resolved labels");
        _resolved = new Label[Math.Max(64, resolved)];
        for (int k = 0; k < resolved; k++)
            _resolved[k] = r.ReadLabel();
        _resolvedHead = 0;
        _resolvedCount = resolved;
        _started = r.ReadBoolean();
        _reference = r.ReadDouble();
        _prefix = r.ReadDouble();
        _lastTimeNs = r.ReadInt64();
        _lastMid = r.ReadDouble();
    }

    public void Reset()
    {
        _head = _count = 0;
        _resolvedHead = _resolvedCount = 0;
        _started = false;
        _prefix = 0;
    }

    private void Resolve(in Pending p, double future)
    {
        double returnBps = (future - p.Mid) / p.Mid * 1e4;
        var label = new Label(p.Sequence, p.TimeNs, LabelOptions.Classify(returnBps, p.Threshold), returnBps, p.Threshold, future);
        if (_resolvedCount == _resolved.Length) _resolved = Grow(_resolved, _resolvedHead, _resolvedCount, out _resolvedHead);
        _resolved[(_resolvedHead + _resolvedCount) % _resolved.Length] = label;
        _resolvedCount++;
    }

    private void Enqueue(in LabelPoint point, double prefix)
    {
        if (_count == _pending.Length) _pending = Grow(_pending, _head, _count, out _head);
        _pending[(_head + _count) % _pending.Length] = new Pending(
            point.Sequence, point.TimeNs, point.Mid, _options.ThresholdAt(point.SpreadBps, point.VolatilityBps), prefix);
        _count++;
    }

    private void Dequeue()
    {
        _head = (_head + 1) % _pending.Length;
        _count--;
    }

    private static T[] Grow<T>(T[] ring, int head, int count, out int newHead)
    {
        var grown = new T[ring.Length * 2];
        for (int k = 0; k < count; k++) grown[k] = ring[(head + k) % ring.Length];
        newHead = 0;
        return grown;
    }

    private readonly record struct Pending(long Sequence, long TimeNs, double Mid, double Threshold, double Prefix);
}
