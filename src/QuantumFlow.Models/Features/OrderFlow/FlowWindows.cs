namespace QuantumFlow.Models.Features.OrderFlow;

/// <summary>
/// Rolling sums over the last w updates, for several windows at once, of three exact integer series pushed together:
/// the seed OFI (with its sum of squares, for the standard deviation), the CKS OFI and the depth that normalizes it.
/// One ring per series of the largest window serves every window: a push adds the new value and subtracts, per
/// window, the value that falls out of it. Sums are long and sums of squares Int128, so nothing drifts: after any
/// sequence every statistic equals a direct recomputation over its window.
/// </summary>
internal sealed class FlowWindows
{
    private readonly int[] _windows;
    private readonly long[] _seedRing;
    private readonly long[] _cksRing;
    private readonly long[] _depthRing;
    private readonly long[] _seedSums;
    private readonly Int128[] _seedSquares;
    private readonly long[] _cksSums;
    private readonly long[] _depthSums;
    private readonly double[] _std;       // cached: recomputed only when its window's seed values changed
    private readonly bool[] _stdStale;
    private int _head;
    private long _pushed;

    public FlowWindows(IReadOnlyList<int> windows)
    {
        _windows = [.. windows];
        int capacity = _windows.Max();
        _seedRing = new long[capacity];
        _cksRing = new long[capacity];
        _depthRing = new long[capacity];
        int n = _windows.Length;
        _seedSums = new long[n];
        _seedSquares = new Int128[n];
        _cksSums = new long[n];
        _depthSums = new long[n];
        _std = new double[n];
        _stdStale = new bool[n];
    }

    public long Pushed => _pushed;

    public void Push(long seed, long cks, long depth)
    {
        int capacity = _seedRing.Length;
        Int128 square = Math.BigMul(seed, seed);
        int[] windows = _windows;
        for (int k = 0; k < windows.Length; k++)
        {
            int w = windows[k];
            if (_pushed >= w)
            {
                int i = _head - w;
                if (i < 0) i += capacity;
                long old = _seedRing[i];
                if (old != seed)
                {
                    _seedSums[k] += seed - old;
                    _seedSquares[k] += square - Math.BigMul(old, old);
                    _stdStale[k] = true;
                }
                _cksSums[k] += cks - _cksRing[i];
                _depthSums[k] += depth - _depthRing[i];
            }
            else
            {
                _seedSums[k] += seed;
                _seedSquares[k] += square;
                _stdStale[k] = true;
                _cksSums[k] += cks;
                _depthSums[k] += depth;
            }
        }
        _seedRing[_head] = seed;
        _cksRing[_head] = cks;
        _depthRing[_head] = depth;
        if (++_head == capacity) _head = 0;
        _pushed++;
    }

    /// <summary>Values in window k (fewer than w while warming up: partial windows are used, as in the seed).</summary>
    public int Count(int k) => (int)Math.Min(_pushed, _windows[k]);

    public long SeedSum(int k) => _seedSums[k];
    public long CksSum(int k) => _cksSums[k];
    public long DepthSum(int k) => _depthSums[k];

    /// <summary>Population (ddof 0) standard deviation of the seed OFI in window k, in raw units; 0 when empty.</summary>
    public double SeedStd(int k)
    {
        if (!_stdStale[k]) return _std[k];
        _stdStale[k] = false;
        int n = Count(k);
        if (n == 0) return _std[k] = 0;
        Int128 numerator = n * _seedSquares[k] - Math.BigMul(_seedSums[k], _seedSums[k]); // n^2 variance, exact
        return _std[k] = numerator <= 0 ? 0 : Math.Sqrt((double)numerator) / n;
    }

    public void Clear()
    {
        Array.Clear(_seedSums);
        Array.Clear(_seedSquares);
        Array.Clear(_cksSums);
        Array.Clear(_depthSums);
        Array.Clear(_std);
        Array.Clear(_stdStale);
        _head = 0;
        _pushed = 0;
    }
}
