using QuantumFlow.Models.Features.Rolling;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.Volatility;

/// <summary>
/// Range and return volatility estimators over trailing completed OHLC bars of the mid. A bar closes after a fixed
/// number of valid book updates; estimators change only when a bar closes and use only closed bars, so a value at
/// update t never depends on a later update (the seed assigned each bar's value to the updates inside it). The first
/// bar only provides a reference close, so every estimator's series starts at the second bar and all of them cover
/// the same bars. Values are per-bar standard deviations of log prices, not annualized; partial windows are used
/// during warm-up, and an estimator is 0 until it has the values it needs.
/// </summary>
internal sealed class VolatilityFeatures
{
    private static readonly double TwoLn2Minus1 = 2 * Math.Log(2) - 1;
    private static readonly double FourLn2 = 4 * Math.Log(2);

    private readonly int _barUpdates;
    private readonly int[] _windows;
    private readonly int _maxWindow;
    private readonly RollingDoubleStats _returns;      // ln(C_j / C_j-1)
    private readonly RollingDoubleStats _rangeSquared; // ln(H/L)^2
    private readonly RollingDoubleStats _garmanKlass;  // 1/2 ln(H/L)^2 - (2 ln 2 - 1) ln(C/O)^2
    private readonly RollingDoubleStats _rogersSatchell; // ln(H/C) ln(H/O) + ln(L/C) ln(L/O)
    private readonly RollingDoubleStats _overnight;    // ln(O_j / C_j-1)
    private readonly RollingDoubleStats _openClose;    // ln(C/O)
    private readonly RollingDoubleStats _bipower;      // |r_j| |r_j-1|
    private readonly int _i;

    private int _inBar;
    private double _open, _high, _low, _close;
    private bool _hasPreviousClose;
    private double _previousClose;
    private bool _hasPreviousReturn;
    private double _previousReturn;
    private long _bars;

    public VolatilityFeatures(FeatureOptions options, List<string> names)
    {
        _barUpdates = options.BarUpdates;
        _windows = [.. options.VolatilityWindows];
        _maxWindow = _windows.Max();
        _returns = new RollingDoubleStats(_windows);
        _rangeSquared = new RollingDoubleStats(_windows);
        _garmanKlass = new RollingDoubleStats(_windows);
        _rogersSatchell = new RollingDoubleStats(_windows);
        _overnight = new RollingDoubleStats(_windows);
        _openClose = new RollingDoubleStats(_windows);
        _bipower = new RollingDoubleStats(_windows);
        _i = names.Count;
        names.Add(FeatureNames.VolatilityBars);
        foreach (int w in _windows)
        {
            names.Add(FeatureNames.RealizedVolatility(w));
            names.Add(FeatureNames.ParkinsonVolatility(w));
            names.Add(FeatureNames.GarmanKlassVolatility(w));
            names.Add(FeatureNames.RogersSatchellVolatility(w));
            names.Add(FeatureNames.YangZhangVolatility(w));
            names.Add(FeatureNames.BipowerVolatility(w));
        }
    }

    /// <summary>Adds one valid mid (two-sided, uncrossed book); updates the outputs when it closes a bar.</summary>
    public void OnMid(double mid, double[] v)
    {
        if (_inBar == 0)
        {
            _open = _high = _low = mid;
        }
        else
        {
            if (mid > _high) _high = mid;
            if (mid < _low) _low = mid;
        }
        _close = mid;
        if (++_inBar < _barUpdates) return;
        _inBar = 0;
        CloseBar(v);
    }

    public void Save(StateWriter w)
    {
        foreach (RollingDoubleStats s in Series) s.Save(w);
        w.Write(_inBar);
        w.Write(_open);
        w.Write(_high);
        w.Write(_low);
        w.Write(_close);
        w.Write(_hasPreviousClose);
        w.Write(_previousClose);
        w.Write(_hasPreviousReturn);
        w.Write(_previousReturn);
        w.Write(_bars);
    }

    public void Load(StateReader r)
    {
        foreach (RollingDoubleStats s in Series) s.Load(r);
        _inBar = r.ReadInt32();
        _open = r.ReadDouble();
        _high = r.ReadDouble();
        _low = r.ReadDouble();
        _close = r.ReadDouble();
        _hasPreviousClose = r.ReadBoolean();
        _previousClose = r.ReadDouble();
        _hasPreviousReturn = r.ReadBoolean();
        _previousReturn = r.ReadDouble();
        _bars = r.ReadInt64();
    }

    private RollingDoubleStats[] Series => [_returns, _rangeSquared, _garmanKlass, _rogersSatchell, _overnight, _openClose, _bipower];

    public void Clear()
    {
        _returns.Clear();
        _rangeSquared.Clear();
        _garmanKlass.Clear();
        _rogersSatchell.Clear();
        _overnight.Clear();
        _openClose.Clear();
        _bipower.Clear();
        _inBar = 0;
        _hasPreviousClose = _hasPreviousReturn = false;
        _bars = 0;
    }

    private void CloseBar(double[] v)
    {
        if (!_hasPreviousClose)
        {
            _previousClose = _close;
            _hasPreviousClose = true;
            return;
        }
        // Logs of ratios, not differences of logs: a ratio near 1 keeps full precision (ln 1e5 alone carries an
        // absolute rounding of ~1e-15, a tenth of a one-tick return's last digits).
        double r = Math.Log(_close / _previousClose);
        double hl = Math.Log(_high / _low), co = Math.Log(_close / _open);
        _returns.Push(r);
        _rangeSquared.Push(hl * hl);
        _garmanKlass.Push(0.5 * hl * hl - TwoLn2Minus1 * co * co);
        _rogersSatchell.Push(Math.Log(_high / _close) * Math.Log(_high / _open) + Math.Log(_low / _close) * Math.Log(_low / _open));
        _overnight.Push(Math.Log(_open / _previousClose));
        _openClose.Push(co);
        if (_hasPreviousReturn) _bipower.Push(Math.Abs(r) * Math.Abs(_previousReturn));
        _previousReturn = r;
        _hasPreviousReturn = true;
        _previousClose = _close;
        _bars++;
        Write(v);
    }

    private void Write(double[] v)
    {
        v[_i] = Math.Min(_bars, _maxWindow);
        for (int k = 0; k < _windows.Length; k++)
        {
            int o = _i + 1 + 6 * k;
            v[o] = Math.Sqrt(_returns.SampleVariance(k));
            v[o + 1] = Math.Sqrt(Math.Max(0, _rangeSquared.Mean(k)) / FourLn2);
            v[o + 2] = Math.Sqrt(Math.Max(0, _garmanKlass.Mean(k)));
            v[o + 3] = Math.Sqrt(Math.Max(0, _rogersSatchell.Mean(k)));
            int m = _openClose.Count(k);
            if (m >= 2)
            {
                // Yang-Zhang's weight k minimizes the estimator's variance for a window of m bars.
                double weight = 0.34 / (1.34 + (m + 1.0) / (m - 1.0));
                double yz = _overnight.SampleVariance(k) + weight * _openClose.SampleVariance(k) + (1 - weight) * Math.Max(0, _rogersSatchell.Mean(k));
                v[o + 4] = Math.Sqrt(Math.Max(0, yz));
            }
            else
            {
                v[o + 4] = 0;
            }
            // Bipower variation: (pi/2) E|r_j||r_j-1| estimates the diffusive variance and is robust to jumps.
            v[o + 5] = Math.Sqrt(Math.PI / 2 * Math.Max(0, _bipower.Mean(k)));
        }
    }
}
