using QuantumFlow.Models.Market;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.TradeFlow;

/// <summary>
/// Aggressor-signed volume and trade counts over trailing time windows (t - T, t], from the trade stream. One ring of
/// trades serves every window, each with its own start; sizes stay exact integers, so sums never drift. The ring grows
/// (rarely, and only while a burst exceeds its size), so the steady state allocates nothing.
/// </summary>
internal sealed class TradeFlowFeatures
{
    private const double Scale = FixedPoint.Scale;

    private readonly long[] _windowsNs;
    private readonly double[] _windowSeconds;
    private readonly long[] _starts; // absolute index of each window's oldest trade
    private readonly long[] _buy;
    private readonly long[] _sell;
    private readonly int _i;
    private long[] _times = new long[1024];
    private long[] _signed = new long[1024]; // + buyer-initiated size, - seller-initiated size
    private long _end; // absolute index after the newest trade
    private bool _changed; // a trade arrived since the outputs were last written

    public TradeFlowFeatures(FeatureOptions options, List<string> names)
    {
        int n = options.TradeWindowsMs.Count;
        _windowsNs = new long[n];
        _windowSeconds = new double[n];
        _starts = new long[n];
        _buy = new long[n];
        _sell = new long[n];
        _i = names.Count;
        for (int k = 0; k < n; k++)
        {
            int ms = options.TradeWindowsMs[k];
            _windowsNs[k] = ms * 1_000_000L;
            _windowSeconds[k] = ms / 1000.0;
            names.Add(FeatureNames.TradeVolumeImbalance(ms));
            names.Add(FeatureNames.SignedTradeVolume(ms));
            names.Add(FeatureNames.TradeIntensity(ms));
        }
    }

    public void OnTrade(MarketMessage trade, long nowNs, double[] v)
    {
        long oldest = _end;
        foreach (long s in _starts) oldest = Math.Min(oldest, s);
        if (_end - oldest == _times.Length) Grow(oldest);
        int slot = (int)(_end & (_times.Length - 1));
        long size = trade.TradeQuantity.Raw;
        _times[slot] = nowNs;
        _signed[slot] = trade.Aggressor == Side.Bid ? size : -size;
        _end++;
        for (int k = 0; k < _buy.Length; k++)
        {
            if (trade.Aggressor == Side.Bid) _buy[k] += size;
            else _sell[k] += size;
        }
        _changed = true;
        Advance(nowNs, v);
    }

    /// <summary>Moves the windows to <paramref name="nowNs"/>: trades at or before now - T leave window T.</summary>
    public void Advance(long nowNs, double[] v)
    {
        int mask = _times.Length - 1;
        bool changed = _changed;
        _changed = false;
        for (int k = 0; k < _buy.Length; k++)
        {
            long cutoff = nowNs - _windowsNs[k];
            long s = _starts[k];
            long start = s;
            while (s < _end && _times[(int)(s & mask)] <= cutoff)
            {
                long x = _signed[(int)(s & mask)];
                if (x > 0) _buy[k] -= x;
                else _sell[k] += x;
                s++;
            }
            if (s == start && !changed) continue; // nothing entered or left: the outputs stand
            _starts[k] = s;
            long buy = _buy[k], sell = _sell[k];
            int o = _i + 3 * k;
            v[o] = buy + sell > 0 ? (double)(buy - sell) / (buy + sell) : 0;
            v[o + 1] = (buy - sell) / Scale;
            v[o + 2] = (_end - s) / _windowSeconds[k];
        }
    }

    public void Save(StateWriter w)
    {
        w.Write(_starts);
        w.Write(_buy);
        w.Write(_sell);
        w.Write(_times);
        w.Write(_signed);
        w.Write(_end);
        w.Write(_changed);
    }

    public void Load(StateReader r)
    {
        r.ReadInto(_starts);
        r.ReadInto(_buy);
        r.ReadInto(_sell);
        // The ring grows with the busiest window: the saved one's size, whatever it reached.
        long[] times = r.ReadArray<long>(), signed = r.ReadArray<long>();
        if (times.Length != signed.Length || times.Length == 0 || (times.Length & (times.Length - 1)) != 0)
            throw new InvalidDataException($"predictor state: trade rings of {times.Length} and {signed.Length} slots");
        _times = times;
        _signed = signed;
        _end = r.ReadInt64();
        _changed = r.ReadBoolean();
    }

    public void Clear()
    {
        _end = 0;
        _changed = false;
        Array.Clear(_starts);
        Array.Clear(_buy);
        Array.Clear(_sell);
    }

    private void Grow(long oldest)
    {
        int length = _times.Length;
        var times = new long[length * 2];
        var signed = new long[length * 2];
        int newMask = times.Length - 1, mask = length - 1;
        for (long a = oldest; a < _end; a++)
        {
            times[(int)(a & newMask)] = _times[(int)(a & mask)];
            signed[(int)(a & newMask)] = _signed[(int)(a & mask)];
        }
        _times = times;
        _signed = signed;
    }
}
