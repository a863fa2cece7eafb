namespace QuantumFlow.Models.Features.Rolling;

/// <summary>
/// Sum, mean and population standard deviation of the last w values, for several windows w at once, over exact
/// fixed-point integers (quantities in 1e-8 units). One ring of the largest window serves every window: a push adds
/// the new value and subtracts, per window, the value that falls out of it. Sums are long and sums of squares Int128,
/// so the statistics never drift: after any sequence they equal a direct recomputation over the window.
/// </summary>
internal sealed class RollingIntegerStats
{
    private readonly long[] _ring;
    private readonly int[] _windows;
    private readonly long[] _sums;
    private readonly Int128[] _squares;
    private readonly bool _trackSquares;
    private int _head;
    private long _pushed;

    public RollingIntegerStats(IReadOnlyList<int> windows, bool trackSquares)
    {
        _windows = [.. windows];
        _ring = new long[_windows.Max()];
        _sums = new long[_windows.Length];
        _squares = trackSquares ? new Int128[_windows.Length] : [];
        _trackSquares = trackSquares;
    }

    public int WindowCount => _windows.Length;
    public long Pushed => _pushed;

    public void Push(long value)
    {
        int capacity = _ring.Length;
        for (int k = 0; k < _windows.Length; k++)
        {
            int w = _windows[k];
            long sum = _sums[k] + value;
            if (_pushed >= w)
            {
                int i = _head - w;
                if (i < 0) i += capacity;
                long old = _ring[i];
                sum -= old;
                if (_trackSquares) _squares[k] += (Int128)value * value - (Int128)old * old;
            }
            else if (_trackSquares)
            {
                _squares[k] += (Int128)value * value;
            }
            _sums[k] = sum;
        }
        _ring[_head] = value;
        if (++_head == capacity) _head = 0;
        _pushed++;
    }

    /// <summary>Values currently in window k (fewer than w while warming up: partial windows are used).</summary>
    public int Count(int k) => (int)Math.Min(_pushed, _windows[k]);

    public long Sum(int k) => _sums[k];

    /// <summary>Population (ddof 0) standard deviation, in raw units; 0 for an empty window.</summary>
    public double PopulationStd(int k)
    {
        int n = Count(k);
        if (n == 0) return 0;
        Int128 s = _sums[k];
        Int128 numerator = n * _squares[k] - s * s; // n^2 * variance, exact
        return numerator <= 0 ? 0 : Math.Sqrt((double)numerator) / n;
    }

    public void Clear()
    {
        Array.Clear(_sums);
        Array.Clear(_squares);
        _head = 0;
        _pushed = 0;
    }
}
