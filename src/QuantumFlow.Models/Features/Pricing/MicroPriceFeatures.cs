using QuantumFlow.Models.Features.Depth;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.Pricing;

/// <summary>
/// Mid, micro-price (imbalance-weighted mid), depth-weighted mid, the seed's per-update adaptive fair value and a
/// time-based fair value, each raw and as a stationary bps deviation. Prices leave fixed point here, at the edge.
/// </summary>
internal sealed class MicroPriceFeatures
{
    private const double Scale = FixedPoint.Scale;

    private readonly int _depth;
    private readonly double _alpha;
    private readonly double _decayPerMs; // ln 2 / half-life
    private readonly int _i;

    private bool _hasAdaptive;
    private double _adaptive;
    private bool _hasTimeFair;
    private double _timeFair;
    private double _heldMicro;   // the micro-price in force since _heldSinceNs
    private long _heldSinceNs;
    private double _lastValidMid;

    public MicroPriceFeatures(FeatureOptions options, List<string> names)
    {
        _depth = options.MicroPriceDepth;
        _alpha = options.AdaptiveAlpha;
        _decayPerMs = Math.Log(2) / options.FairValueHalfLifeMs;
        _i = names.Count;
        names.AddRange([
            FeatureNames.BookValid, FeatureNames.MidPrice, FeatureNames.MicroPrice, FeatureNames.WeightedMidPrice,
            FeatureNames.MicroPriceDeviation, FeatureNames.MicroPriceBpsDeviation, FeatureNames.AdaptiveFairValue,
            FeatureNames.PriceVsFairValue, FeatureNames.PriceVsFairValueBps, FeatureNames.WeightedMidBpsDeviation,
            FeatureNames.TimeFairValue, FeatureNames.PriceVsTimeFairValueBps, FeatureNames.MidReturnBps,
        ]);
    }

    /// <summary>The current mid when the book is valid (two-sided, not crossed), else 0.</summary>
    public double ValidMid { get; private set; }

    public void Update(SideDepth bids, SideDepth asks, long nowNs, double[] v)
    {
        int i = _i;
        if (bids.IsEmpty || asks.IsEmpty)
        {
            // One side empty: no price exists; every price feature is 0 and the fair values hold (they resume on the
            // next two-sided book). Zero, not NaN, because a model must be able to read the row.
            ValidMid = 0;
            v[i] = 0;
            for (int k = 1; k <= 12; k++) v[i + k] = 0;
            AdvanceTimeFair(nowNs);
            v[i + 6] = _hasAdaptive ? _adaptive : 0;
            v[i + 10] = _hasTimeFair ? _timeFair : 0;
            return;
        }
        long bidRaw = bids.Best.Price.Raw, askRaw = asks.Best.Price.Raw;
        double bid = bidRaw / Scale, ask = askRaw / Scale;
        double bq = bids.Best.Quantity.Raw, aq = asks.Best.Quantity.Raw;
        double mid = (bidRaw + askRaw) / (2 * Scale); // one rounding: equal exact mids give equal doubles
        bool crossed = bidRaw >= askRaw;
        // Crossed: the top quantities no longer describe one spread, so the micro-price falls back to the mid (the
        // seed's soft mode). Weight of the ask price is the bid size: a heavier bid pulls the price toward the ask.
        double micro = crossed || bq + aq <= 0 ? mid : (aq * bid + bq * ask) / (bq + aq);
        long weightQ = bids.QuantityOf(_depth) + asks.QuantityOf(_depth);
        double weighted = weightQ <= 0 ? mid : (bids.NotionalOf(_depth) + asks.NotionalOf(_depth)) / weightQ;

        double midReturnBps = 0;
        if (!crossed)
        {
            if (_lastValidMid > 0 && mid != _lastValidMid) midReturnBps = Math.Log(mid / _lastValidMid) * 1e4;
            _lastValidMid = mid;
            ValidMid = mid;
            _adaptive = _hasAdaptive ? _alpha * micro + (1 - _alpha) * _adaptive : micro;
            _hasAdaptive = true;
            AdvanceTimeFair(nowNs);
            if (!_hasTimeFair) { _timeFair = micro; _hasTimeFair = true; }
            _heldMicro = micro;
        }
        else
        {
            // A crossed book is not a price: fair values and the return series skip it.
            ValidMid = 0;
            AdvanceTimeFair(nowNs);
        }

        v[i] = crossed ? 0 : 1;
        v[i + 1] = mid;
        v[i + 2] = micro;
        v[i + 3] = weighted;
        v[i + 4] = micro - mid;
        v[i + 5] = mid > 0 ? (micro - mid) / mid * 1e4 : 0;
        v[i + 6] = _hasAdaptive ? _adaptive : 0;
        v[i + 7] = _hasAdaptive ? micro - _adaptive : 0;
        v[i + 8] = _hasAdaptive && _adaptive > 0 ? (micro - _adaptive) / _adaptive * 1e4 : 0;
        v[i + 9] = mid > 0 ? (weighted - mid) / mid * 1e4 : 0;
        v[i + 10] = _hasTimeFair ? _timeFair : 0;
        v[i + 11] = _hasTimeFair && _timeFair > 0 ? (micro - _timeFair) / _timeFair * 1e4 : 0;
        v[i + 12] = midReturnBps;
    }

    /// <summary>Time passes without a book change (a trade): only the time-based fair value and its deviation move.</summary>
    public void Advance(long nowNs, double[] v)
    {
        if (!_hasTimeFair) return;
        AdvanceTimeFair(nowNs);
        int i = _i;
        v[i + 10] = _timeFair;
        double micro = v[i + 2];
        v[i + 11] = v[i] == 1 && _timeFair > 0 ? (micro - _timeFair) / _timeFair * 1e4 : 0;
    }

    public void Save(StateWriter w)
    {
        w.Write(_hasAdaptive);
        w.Write(_adaptive);
        w.Write(_hasTimeFair);
        w.Write(_timeFair);
        w.Write(_heldMicro);
        w.Write(_heldSinceNs);
        w.Write(_lastValidMid);
        w.Write(ValidMid);
    }

    public void Load(StateReader r)
    {
        _hasAdaptive = r.ReadBoolean();
        _adaptive = r.ReadDouble();
        _hasTimeFair = r.ReadBoolean();
        _timeFair = r.ReadDouble();
        _heldMicro = r.ReadDouble();
        _heldSinceNs = r.ReadInt64();
        _lastValidMid = r.ReadDouble();
        ValidMid = r.ReadDouble();
    }

    public void Clear()
    {
        _hasAdaptive = _hasTimeFair = false;
        _adaptive = _timeFair = _heldMicro = _lastValidMid = 0;
        _heldSinceNs = 0;
        ValidMid = 0;
    }

    /// <summary>
    /// Exponential average of the micro-price path in continuous time: each held micro-price weighs by how long it
    /// held, so a burst of updates in one millisecond moves the value no more than one update (the seed's per-update
    /// EWMA let update frequency set the memory). Exact for a piecewise-constant path: FV += (1 - e^(-ln2 dt/H)) (m - FV).
    /// </summary>
    private void AdvanceTimeFair(long nowNs)
    {
        if (_hasTimeFair && nowNs > _heldSinceNs)
        {
            double dtMs = (nowNs - _heldSinceNs) / 1e6;
            _timeFair = _heldMicro + (_timeFair - _heldMicro) * Math.Exp(-_decayPerMs * dtMs);
        }
        if (nowNs > _heldSinceNs) _heldSinceNs = nowNs;
    }
}
