using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.Scaling;

/// <summary>
/// Scale-free forms of the features measured in contracts or coins (OFI, CKS OFI and their sums, signed trade
/// volume) and of the event rates (arrivals, cancels, executions, trades and book events per second, the time between
/// events): each divided by its own running scale, the bias-corrected EWMA of its absolute value, then compressed,
/// sign(r) ln(1 + |r|), so a burst after a quiet spell (a ratio of hundreds) stays within the range a model was
/// trained on instead of sitting on the scaler's clip; near 0 the form is the ratio itself. A book quoted in
/// contracts of another size, a market ten times as deep, or one ten times as busy gives the same <c>*_rel</c>
/// values, so a model trained on one market reads another the same way; the raw forms stay for inspection. The scale
/// only ever looks back.
/// </summary>
internal sealed class RelativeScales
{
    private readonly int[] _source;
    private readonly int[] _target;
    private readonly double[] _scale;
    private readonly double _keep;
    private double _keepPower = 1;

    public RelativeScales(FeatureOptions options, List<string> names)
    {
        var sources = new List<string>();
        foreach (int level in options.OfiLevels)
        {
            sources.Add(FeatureNames.Ofi(level));
            sources.AddRange(options.OfiWindows.Select(w => FeatureNames.OfiSum(level, w)));
            sources.Add(FeatureNames.CksOfi(level));
            sources.AddRange(options.OfiWindows.Select(w => FeatureNames.CksOfiSum(level, w)));
        }
        sources.AddRange(options.TradeWindowsMs.Select(FeatureNames.SignedTradeVolume));
        sources.AddRange(FeatureNames.QueueRates);
        sources.AddRange(options.TradeWindowsMs.Select(FeatureNames.TradeIntensity));
        _source = [.. sources.Select(n => names.IndexOf(n) is int i and >= 0 ? i : throw new InvalidOperationException($"feature {n} must come before its relative form"))];
        _target = new int[_source.Length];
        for (int k = 0; k < sources.Count; k++)
        {
            _target[k] = names.Count;
            names.Add(FeatureNames.Relative(sources[k]));
        }
        _scale = new double[_source.Length];
        _keep = Math.Pow(0.5, 1 / options.RelativeScaleHalfLife);
    }

    /// <summary>After every other feature of this output is final.</summary>
    public void Update(double[] v)
    {
        _keepPower *= _keep;
        double correction = 1 / (1 - _keepPower);
        for (int k = 0; k < _source.Length; k++)
        {
            double x = v[_source[k]];
            if (!double.IsFinite(x)) x = 0;
            _scale[k] = _keep * _scale[k] + (1 - _keep) * Math.Abs(x);
            double scale = _scale[k] * correction;
            v[_target[k]] = scale > 0 ? Compress(x / scale) : 0;
        }
    }

    /// <summary>sign(r) ln(1 + |r|): odd, monotone, the identity to first order at 0.</summary>
    internal static double Compress(double ratio) => Math.CopySign(double.LogP1(Math.Abs(ratio)), ratio);

    public void Save(StateWriter w)
    {
        w.Write(_scale);
        w.Write(_keepPower);
    }

    public void Load(StateReader r)
    {
        r.ReadInto(_scale);
        _keepPower = r.ReadDouble();
    }

    public void Clear()
    {
        Array.Clear(_scale);
        _keepPower = 1;
    }
}
