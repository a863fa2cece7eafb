using System.Runtime.CompilerServices;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.OrderFlow;

/// <summary>
/// Rolling sums over the last w updates, for several windows at once, of three exact integer series pushed together:
/// the seed OFI (with its sum of squares, for the standard deviation), the CKS OFI and the depth that normalizes it.
/// One ring of the largest window serves every window: a push adds the new values and subtracts, per window, the
/// values that fall out of it. Sums are long and sums of squares exact 128-bit integers, so nothing drifts: after any
/// sequence every statistic equals a direct recomputation over its window. The 128-bit arithmetic is written out on
/// two 64-bit words because Int128's operators are not inlined; window state is an array of structs so one window is
/// one cache line. These statistics are a third of the engine's work per update, hence the care.
/// </summary>
internal sealed class FlowWindows
{
    private const double InverseScale = 1.0 / Market.FixedPoint.Scale;

    private readonly Sample[] _ring;
    private readonly Window[] _windows;
    private int _head;
    private long _pushed;

    public FlowWindows(IReadOnlyList<int> windows)
    {
        _windows = [.. windows.Select(w => new Window { Length = w })];
        _ring = new Sample[windows.Max()];
    }

    public void Push(long seed, long cks, long depth)
    {
        Sample[] ring = _ring;
        int capacity = ring.Length;
        ulong abs = (ulong)Math.Abs(seed);
        ulong squareHigh = Math.BigMul(abs, abs, out ulong squareLow);
        Window[] windows = _windows;
        for (int k = 0; k < windows.Length; k++)
        {
            ref Window w = ref windows[k];
            if (_pushed >= w.Length)
            {
                int i = _head - w.Length;
                if (i < 0) i += capacity;
                ref Sample old = ref ring[i];
                if (old.Seed != seed)
                {
                    w.SeedSum += seed - old.Seed;
                    ulong oldAbs = (ulong)Math.Abs(old.Seed);
                    ulong oldHigh = Math.BigMul(oldAbs, oldAbs, out ulong oldLow);
                    Add(ref w, squareHigh, squareLow);
                    Subtract(ref w, oldHigh, oldLow);
                    w.StdStale = true;
                }
                w.CksSum += cks - old.Cks;
                w.DepthSum += depth - old.Depth;
            }
            else
            {
                w.Count++;
                w.SeedSum += seed;
                Add(ref w, squareHigh, squareLow);
                w.StdStale = true;
                w.CksSum += cks;
                w.DepthSum += depth;
            }
        }
        ring[_head] = new Sample(seed, cks, depth);
        if (++_head == capacity) _head = 0;
        _pushed++;
    }

    /// <summary>
    /// Writes, per window, the seed OFI's mean, std and sum at <paramref name="seedIndex"/> + 1 + 3k and the CKS sum and
    /// depth-normalized sum at <paramref name="cksIndex"/> + 1 + 2k, in base units (the norm is dimensionless).
    /// </summary>
    public void Write(double[] v, int seedIndex, int cksIndex, int level)
    {
        Window[] windows = _windows;
        for (int k = 0; k < windows.Length; k++)
        {
            ref Window w = ref windows[k];
            int n = w.Count;
            // Multiplications by 1e-8 and 1/n instead of divisions (at most an ulp: 0.1 may read 0.10000000000000002).
            double perValue = n == 0 ? 0 : InverseScale / n;
            int o = seedIndex + 1 + 3 * k;
            v[o] = w.SeedSum * perValue;
            v[o + 1] = StdTimesCount(ref w) * perValue;
            v[o + 2] = w.SeedSum * InverseScale;
            // Over n updates of 2L levels: mean depth per level and side = DepthSum / (2 L n).
            int c = cksIndex + 1 + 2 * k;
            v[c] = w.CksSum * InverseScale;
            v[c + 1] = w.DepthSum <= 0 ? 0 : (double)w.CksSum * (2.0 * level * n) / w.DepthSum;
        }
    }

    /// <summary>Values in window k (fewer than w while warming up: partial windows are used, as in the seed).</summary>
    public int Count(int k) => _windows[k].Count;

    public long SeedSum(int k) => _windows[k].SeedSum;
    public long CksSum(int k) => _windows[k].CksSum;
    public long DepthSum(int k) => _windows[k].DepthSum;

    /// <summary>Population (ddof 0) standard deviation of the seed OFI in window k, in raw units; 0 when empty.</summary>
    public double SeedStd(int k)
    {
        ref Window w = ref _windows[k];
        return w.Count == 0 ? 0 : StdTimesCount(ref w) / w.Count;
    }

    public void Save(StateWriter w)
    {
        w.Write(_head);
        w.Write(_pushed);
        Span<long> samples = stackalloc long[3];
        w.Write(_ring.Length);
        foreach (Sample s in _ring)
        {
            (samples[0], samples[1], samples[2]) = (s.Seed, s.Cks, s.Depth);
            w.Write(samples);
        }
        foreach (Window x in _windows)
        {
            w.Write(x.Count);
            w.Write(x.StdStale);
            w.Write(x.SeedSum);
            w.Write(x.SquaresHigh);
            w.Write(x.SquaresLow);
            w.Write(x.CksSum);
            w.Write(x.DepthSum);
            w.Write(x.StdTimesCount);
        }
    }

    public void Load(StateReader r)
    {
        _head = r.ReadInt32();
        _pushed = r.ReadInt64();
        if (r.ReadInt32() != _ring.Length || (uint)_head >= (uint)_ring.Length || _pushed < 0)
            throw new InvalidDataException("predictor state: an order-flow window of another length");
        Span<long> samples = stackalloc long[3];
        for (int i = 0; i < _ring.Length; i++)
        {
            r.ReadInto(samples);
            _ring[i] = new Sample(samples[0], samples[1], samples[2]);
        }
        for (int k = 0; k < _windows.Length; k++)
        {
            ref Window x = ref _windows[k];
            x.Count = r.ReadInt32();
            x.StdStale = r.ReadBoolean();
            x.SeedSum = r.ReadInt64();
            x.SquaresHigh = r.ReadUInt64();
            x.SquaresLow = r.ReadUInt64();
            x.CksSum = r.ReadInt64();
            x.DepthSum = r.ReadInt64();
            x.StdTimesCount = r.ReadDouble();
        }
    }

    public void Clear()
    {
        for (int k = 0; k < _windows.Length; k++) _windows[k] = new Window { Length = _windows[k].Length };
        _head = 0;
        _pushed = 0;
    }

    /// <summary>n x the population standard deviation = sqrt(n sum x^2 - (sum x)^2), cached until the window changes.</summary>
    private static double StdTimesCount(ref Window w)
    {
        if (!w.StdStale) return w.StdTimesCount;
        w.StdStale = false;
        ulong n = (ulong)w.Count;
        // Exact in 128 bits, and never negative (Cauchy-Schwarz).
        ulong nHigh = Math.BigMul(w.SquaresLow, n, out ulong nLow) + w.SquaresHigh * n;
        ulong abs = (ulong)Math.Abs(w.SeedSum);
        ulong sHigh = Math.BigMul(abs, abs, out ulong sLow);
        ulong low = nLow - sLow;
        ulong high = nHigh - sHigh - (nLow < sLow ? 1UL : 0UL);
        return w.StdTimesCount = Math.Sqrt(high * 18446744073709551616.0 + low); // high x 2^64 + low
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref Window w, ulong high, ulong low)
    {
        ulong sum = w.SquaresLow + low;
        w.SquaresHigh += high + (sum < low ? 1UL : 0UL);
        w.SquaresLow = sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Subtract(ref Window w, ulong high, ulong low)
    {
        ulong current = w.SquaresLow;
        w.SquaresHigh -= high + (current < low ? 1UL : 0UL);
        w.SquaresLow = current - low;
    }

    private readonly record struct Sample(long Seed, long Cks, long Depth);

    private struct Window
    {
        public int Length;
        public int Count;
        public bool StdStale;
        public long SeedSum;
        public ulong SquaresHigh; // sum of squares of the seed OFI (never negative), high and low words
        public ulong SquaresLow;
        public long CksSum;
        public long DepthSum;
        public double StdTimesCount;
    }
}
