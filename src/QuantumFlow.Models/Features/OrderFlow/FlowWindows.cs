namespace QuantumFlow.Models.Features.OrderFlow;

/// <summary>
/// Rolling sums over the last w updates, for several windows at once, of three exact integer series pushed together:
/// the seed OFI (with its sum of squares, for the standard deviation), the CKS OFI and the depth that normalizes it.
/// One ring per series of the largest window serves every window: a push adds the new value and subtracts, per
/// window, the value that falls out of it. Sums are long and sums of squares exact 128-bit integers, so nothing
/// drifts: after any sequence every statistic equals a direct recomputation over its window. The 128-bit arithmetic
/// is written out on two 64-bit words because Int128's operators are not inlined (they were a third of the OFI cost).
/// </summary>
internal sealed class FlowWindows
{
    private readonly int[] _windows;
    private readonly long[] _seedRing;
    private readonly long[] _cksRing;
    private readonly long[] _depthRing;
    private readonly long[] _seedSums;
    private readonly ulong[] _squaresHigh; // sum of squares, high and low words (a sum of squares is never negative)
    private readonly ulong[] _squaresLow;
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
        _squaresHigh = new ulong[n];
        _squaresLow = new ulong[n];
        _cksSums = new long[n];
        _depthSums = new long[n];
        _std = new double[n];
        _stdStale = new bool[n];
    }

    public void Push(long seed, long cks, long depth)
    {
        int capacity = _seedRing.Length;
        ulong abs = (ulong)Math.Abs(seed);
        ulong squareHigh = Math.BigMul(abs, abs, out ulong squareLow);
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
                    ulong oldAbs = (ulong)Math.Abs(old);
                    ulong oldHigh = Math.BigMul(oldAbs, oldAbs, out ulong oldLow);
                    Add(k, squareHigh, squareLow);
                    Subtract(k, oldHigh, oldLow);
                    _stdStale[k] = true;
                }
                _cksSums[k] += cks - _cksRing[i];
                _depthSums[k] += depth - _depthRing[i];
            }
            else
            {
                _seedSums[k] += seed;
                Add(k, squareHigh, squareLow);
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
        int n = Count(k);
        return n == 0 ? 0 : SeedStdTimesCount(k) / n;
    }

    /// <summary>n x the population standard deviation (= sqrt(n sum x^2 - (sum x)^2)), cached until the window changes.</summary>
    public double SeedStdTimesCount(int k)
    {
        if (!_stdStale[k]) return _std[k];
        _stdStale[k] = false;
        int n = Count(k);
        if (n == 0) return _std[k] = 0;
        // n^2 variance = n * sum(x^2) - sum(x)^2, exact in 128 bits, and never negative (Cauchy-Schwarz).
        ulong nHigh = Math.BigMul(_squaresLow[k], (ulong)n, out ulong nLow) + _squaresHigh[k] * (ulong)n;
        ulong abs = (ulong)Math.Abs(_seedSums[k]);
        ulong sHigh = Math.BigMul(abs, abs, out ulong sLow);
        ulong low = nLow - sLow;
        ulong high = nHigh - sHigh - (nLow < sLow ? 1UL : 0UL);
        double numerator = high * 18446744073709551616.0 + low; // 2^64
        return _std[k] = Math.Sqrt(numerator);
    }

    public void Clear()
    {
        Array.Clear(_seedSums);
        Array.Clear(_squaresHigh);
        Array.Clear(_squaresLow);
        Array.Clear(_cksSums);
        Array.Clear(_depthSums);
        Array.Clear(_std);
        Array.Clear(_stdStale);
        _head = 0;
        _pushed = 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Add(int k, ulong high, ulong low)
    {
        ulong sum = _squaresLow[k] + low;
        _squaresHigh[k] += high + (sum < low ? 1UL : 0UL);
        _squaresLow[k] = sum;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Subtract(int k, ulong high, ulong low)
    {
        ulong current = _squaresLow[k];
        _squaresHigh[k] -= high + (current < low ? 1UL : 0UL);
        _squaresLow[k] = current - low;
    }
}
