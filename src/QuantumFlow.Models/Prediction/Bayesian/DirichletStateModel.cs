using System.Collections.Immutable;
using System.Globalization;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Bayesian;

/// <summary>
/// Bayesian online learner (seed spec 4.4, as intended): one Dirichlet-multinomial per discretised market state
/// (CKS OFI sign, volume imbalance, spread regime), updated when a label resolves, with exponential forgetting toward
/// the prior so it follows regime changes. P(class | state) is the posterior mean. A state's counts are shrunk toward
/// the all-states mix (<see cref="DirichletStateOptions.PoolStrength"/>), so a new state is not simply uniform.
/// <para>
/// Forgetting is per update of the whole model: a state untouched for k updates has its evidence multiplied by l^k when
/// next read or written (lazily, so an update costs O(1) whatever the number of states). Not thread-safe: one per book.
/// </para>
/// </summary>
public sealed class DirichletStateModel : IOnlineLearner
{
    public const int States = 18;

    private readonly DirichletStateOptions _options;
    private readonly double _keep;
    private readonly double _scaleKeep;
    // Evidence beyond the prior (alpha - alpha_prior) per state and class, and the step it was last decayed to.
    private readonly double[] _evidence;
    private readonly long[] _decayedAt;
    private readonly double[] _global = new double[3];
    private long _globalDecayedAt;
    private long _step;
    private double _ofiScale;
    private double _spreadScale;
    private ImmutableArray<string> _boundNames;
    private int _ofi = -1, _imbalance = -1, _spread = -1;

    public DirichletStateModel(DirichletStateOptions? options = null)
    {
        _options = options ?? DirichletStateOptions.Default;
        _options.Validate();
        _keep = double.IsPositiveInfinity(_options.ForgettingHalfLife) ? 1 : Math.Pow(0.5, 1 / _options.ForgettingHalfLife);
        _scaleKeep = Math.Pow(0.5, 1 / _options.ScaleHalfLife);
        int states = _options.Conditioned ? States : 1;
        _evidence = new double[states * 3];
        _decayedAt = new long[states];
        Version = string.Create(CultureInfo.InvariantCulture,
            $"dirichlet/1 states={states} half-life={_options.ForgettingHalfLife} prior={_options.PriorAlpha}");
    }

    public string Name => _options.Name;
    public string Version { get; }
    public int WindowLength => 1;

    /// <summary>Label updates seen.</summary>
    public long Updates => _step;

    public ClassProbabilities Predict(FeatureWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Count == 0) return ClassProbabilities.Uniform;
        Bind(window.FeatureNames);
        return Posterior(StateOf(window.Latest));
    }

    /// <summary>The posterior mean of a state (0..17; see <see cref="StateOf"/>).</summary>
    public ClassProbabilities Posterior(int state)
    {
        Span<double> pool = stackalloc double[3];
        GlobalMean(pool);
        int s = _options.Conditioned ? state : 0;
        Decay(s);
        double a = _options.PriorAlpha, c = _options.PoolStrength;
        int o = s * 3;
        return ClassProbabilities.Normalized(
            _evidence[o] + a + c * pool[0], _evidence[o + 1] + a + c * pool[1], _evidence[o + 2] + a + c * pool[2]);
    }

    /// <summary>Total (decayed) evidence in a state: how much the posterior rests on data rather than the prior.</summary>
    public double Evidence(int state)
    {
        int s = _options.Conditioned ? state : 0;
        Decay(s);
        return _evidence[s * 3] + _evidence[s * 3 + 1] + _evidence[s * 3 + 2];
    }

    public void Learn(ReadOnlySpan<double> featuresAtPrediction, LabelClass label)
    {
        if ((uint)label > 2) throw new ArgumentOutOfRangeException(nameof(label));
        int state = StateOf(featuresAtPrediction);
        _step++;
        int s = _options.Conditioned ? state : 0;
        Decay(s);
        _evidence[s * 3 + (int)label] += 1;
        DecayGlobal();
        _global[(int)label] += 1;
        if (_options.Conditioned)
        {
            // The cut scales follow the data after the state was read, so this update is classified as predicted.
            _ofiScale = Ewma(_ofiScale, Math.Abs(Finite(featuresAtPrediction[_ofi])));
            _spreadScale = Ewma(_spreadScale, Finite(featuresAtPrediction[_spread]));
        }
    }

    /// <summary>Binds feature positions; rows passed to <see cref="Learn"/> must be in the order of the last window predicted from.</summary>
    public void Save(StateWriter w)
    {
        w.Begin(Version);
        w.Write(_evidence);
        w.Write(_decayedAt);
        w.Write(_global);
        w.Write(_globalDecayedAt);
        w.Write(_step);
        w.Write(_ofiScale);
        w.Write(_spreadScale);
    }

    public void Load(StateReader r, ImmutableArray<string> featureNames)
    {
        r.Begin(Version);
        r.ReadInto(_evidence);
        r.ReadInto(_decayedAt);
        r.ReadInto(_global);
        _globalDecayedAt = r.ReadInt64();
        _step = r.ReadInt64();
        _ofiScale = r.ReadDouble();
        _spreadScale = r.ReadDouble();
        Bind(featureNames);
    }

    public void Forget()
    {
        Array.Clear(_evidence);
        Array.Clear(_decayedAt);
        Array.Clear(_global);
        _globalDecayedAt = _step = 0;
        _ofiScale = _spreadScale = 0;
    }

    public void Bind(ImmutableArray<string> featureNames)
    {
        if (!_options.Conditioned || featureNames == _boundNames) return;
        _ofi = IndexOf(featureNames, _options.OfiFeature);
        _imbalance = IndexOf(featureNames, _options.ImbalanceFeature);
        _spread = IndexOf(featureNames, _options.SpreadFeature);
        _boundNames = featureNames;
    }

    /// <summary>ofi (0 neg, 1 near zero, 2 pos) * 6 + imbalance (same) * 2 + spread (0 normal, 1 wide); 0 when unconditioned.</summary>
    public int StateOf(ReadOnlySpan<double> row)
    {
        if (!_options.Conditioned) return 0;
        if (_ofi < 0) throw new InvalidOperationException("call Bind (or Predict) with the feature names first");
        double ofi = Finite(row[_ofi]);
        double zone = _options.OfiDeadZone * _ofiScale;
        int o = ofi < -zone ? 0 : ofi > zone ? 2 : 1;
        if (ofi == 0) o = 1;
        double imb = Finite(row[_imbalance]);
        int i = imb < -_options.ImbalanceCut ? 0 : imb > _options.ImbalanceCut ? 2 : 1;
        double spread = Finite(row[_spread]);
        int w = _spreadScale > 0 && spread > _options.WideSpreadRatio * _spreadScale ? 1 : 0;
        return o * 6 + i * 2 + w;
    }

    private void GlobalMean(Span<double> mean)
    {
        DecayGlobal();
        double a = _options.PriorAlpha;
        double s = _global[0] + _global[1] + _global[2] + 3 * a;
        for (int k = 0; k < 3; k++) mean[k] = (_global[k] + a) / s;
    }

    private void Decay(int s)
    {
        long lag = _step - _decayedAt[s];
        if (lag == 0) return;
        double f = Math.Pow(_keep, lag);
        for (int k = 0; k < 3; k++) _evidence[s * 3 + k] *= f;
        _decayedAt[s] = _step;
    }

    private void DecayGlobal()
    {
        long lag = _step - _globalDecayedAt;
        if (lag == 0) return;
        double f = Math.Pow(_keep, lag);
        for (int k = 0; k < 3; k++) _global[k] *= f;
        _globalDecayedAt = _step;
    }

    private double Ewma(double current, double x) => current == 0 ? x : _scaleKeep * current + (1 - _scaleKeep) * x;

    private static double Finite(double x) => double.IsFinite(x) ? x : 0;

    private static int IndexOf(ImmutableArray<string> names, string name)
    {
        int i = names.IndexOf(name);
        return i >= 0 ? i : throw new KeyNotFoundException($"the features have no '{name}' that the Bayesian state model reads");
    }
}
