using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.Rolling;

/// <summary>
/// Mean and sample variance of the last w doubles for several windows at once, sharing one ring. Sums are updated by
/// adding the new value and subtracting the one leaving each window (O(windows) per push); every <c>capacity</c>
/// pushes the sums are recomputed from the ring, which bounds floating-point drift at an amortized O(1) cost.
/// </summary>
internal sealed class RollingDoubleStats
{
    private readonly double[] _ring;
    private readonly int[] _windows;
    private readonly double[] _sums;
    private readonly double[] _squares;
    private int _head;
    private long _pushed;
    private int _sinceRebuild;

    public RollingDoubleStats(IReadOnlyList<int> windows)
    {
        _windows = [.. windows];
        _ring = new double[_windows.Max()];
        _sums = new double[_windows.Length];
        _squares = new double[_windows.Length];
    }

    public void Push(double value)
    {
        int capacity = _ring.Length;
        for (int k = 0; k < _windows.Length; k++)
        {
            int w = _windows[k];
            _sums[k] += value;
            _squares[k] += value * value;
            if (_pushed >= w)
            {
                int i = _head - w;
                if (i < 0) i += capacity;
                double old = _ring[i];
                _sums[k] -= old;
                _squares[k] -= old * old;
            }
        }
        _ring[_head] = value;
        if (++_head == capacity) _head = 0;
        _pushed++;
        if (++_sinceRebuild == capacity) Rebuild();
    }

    public int Count(int k) => (int)Math.Min(_pushed, _windows[k]);

    public double Mean(int k)
    {
        int n = Count(k);
        return n == 0 ? 0 : _sums[k] / n;
    }

    /// <summary>Sample (ddof 1) variance; 0 with fewer than two values. Never negative.</summary>
    public double SampleVariance(int k)
    {
        int n = Count(k);
        if (n < 2) return 0;
        double s = _sums[k];
        double v = (_squares[k] - s * s / n) / (n - 1);
        return v > 0 ? v : 0;
    }

    public void Save(StateWriter w)
    {
        w.Write(_ring);
        w.Write(_sums);
        w.Write(_squares);
        w.Write(_head);
        w.Write(_pushed);
        w.Write(_sinceRebuild);
    }

    public void Load(StateReader r)
    {
        r.ReadInto(_ring);
        r.ReadInto(_sums);
        r.ReadInto(_squares);
        _head = r.ReadInt32();
        _pushed = r.ReadInt64();
        _sinceRebuild = r.ReadInt32();
        if ((uint)_head >= (uint)_ring.Length || (uint)_sinceRebuild >= (uint)_ring.Length || _pushed < 0)
            throw new InvalidDataException("predictor state: a rolling window's position is outside its ring");
    }

    public void Clear()
    {
        Array.Clear(_sums);
        Array.Clear(_squares);
        _head = 0;
        _pushed = 0;
        _sinceRebuild = 0;
    }

    private void Rebuild()
    {
        _sinceRebuild = 0;
        int capacity = _ring.Length;
        for (int k = 0; k < _windows.Length; k++)
        {
            int n = Count(k);
            double sum = 0, squares = 0;
            for (int j = 1; j <= n; j++)
            {
                int i = _head - j;
                if (i < 0) i += capacity;
                double x = _ring[i];
                sum += x;
                squares += x * x;
            }
            _sums[k] = sum;
            _squares[k] = squares;
        }
    }
}
