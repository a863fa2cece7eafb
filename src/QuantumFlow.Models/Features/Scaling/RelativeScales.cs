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
/// only ever looks back, and each starts at its source's first non-zero value: before that the source has not been
/// measured yet (a rate needs two events in its window), and counting those zeros into the scale would make the
/// first measurement look as many times the usual as there were updates before it.
/// </summary>
internal sealed class RelativeScales
{
    private readonly int[] _source;
    private readonly int[] _target;
    private readonly double[] _scale;
    private readonly double _keep;
    private readonly double[] _keepPower; // per source: keep^(updates since its first non-zero value); 1 before

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
        _keepPower = new double[_source.Length];
        Array.Fill(_keepPower, 1);
        _keep = Math.Pow(0.5, 1 / options.RelativeScaleHalfLife);
    }

    /// <summary>After every other feature of this output is final.</summary>
    public void Update(double[] v)
    {
        for (int k = 0; k < _source.Length; k++)
        {
            double x = v[_source[k]];
            if (!double.IsFinite(x)) x = 0;
            if (_keepPower[k] == 1 && x == 0)
            {
                v[_target[k]] = 0;
                continue;
            }
            _keepPower[k] *= _keep;
            _scale[k] = _keep * _scale[k] + (1 - _keep) * Math.Abs(x);
            double scale = _scale[k] / (1 - _keepPower[k]);
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
        r.ReadInto(_keepPower);
        for (int k = 0; k < _scale.Length; k++)
        {
            if (!(_scale[k] >= 0 && double.IsFinite(_scale[k])) || !(_keepPower[k] is >= 0 and <= 1))
                throw new InvalidDataException($"predictor state: relative scale {k} is {_scale[k]} with weight {_keepPower[k]}");
        }
    }

    public void Clear()
    {
        Array.Clear(_scale);
        Array.Fill(_keepPower, 1);
    }
}
