using QuantumFlow.Models.Labels;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Ensembles;

/// <summary>
/// What the ensemble calls (UP, DOWN or FLAT) from its probabilities, kept apart from the probabilities themselves:
/// those stay calibrated for log-loss, while the call is made for macro-F1, which rewards finding the rare moves. The
/// arg max of calibrated probabilities says FLAT almost always when FLAT is most labels, and scores badly there.
/// <para>
/// The candidates are arg max p_k / pi_k^a for each exponent a of <see cref="EnsembleOptions.CallExponents"/>, pi being
/// the book's recent label frequencies: a = 0 is the arg max, a = 1 the call of balanced class weights, which
/// over-calls moves. Each candidate's record is kept as a decayed confusion matrix over the book's resolved labels,
/// and the call is the candidate whose record has the best macro-F1 (the plain arg max until
/// <see cref="EnsembleOptions.CallWarmup"/> labels). Like the weights, it is chosen per book by its past record only.
/// </para>
/// <para>
/// A prediction's call must not depend on when its batch models answer, so the state it is made with is captured
/// when the prediction starts (<see cref="Context"/>) and the call is a pure function of that and the probabilities.
/// </para>
/// </summary>
public sealed class CallRule
{
    private const double PriorPseudoLabels = 10;
    private readonly double[] _exponents;
    private readonly double _keep;
    private readonly int _warmup;
    private readonly double[] _labels = new double[3];
    private readonly double[] _confusion;
    private long _resolved;
    private int _chosen;

    public CallRule(EnsembleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _exponents = [.. options.CallExponents];
        _keep = Math.Pow(0.5, 1 / options.CallHalfLife);
        _warmup = options.CallWarmup;
        _confusion = new double[_exponents.Length * 9];
    }

    /// <summary>The exponent the next prediction is called with.</summary>
    public double Exponent => _exponents[_chosen];

    /// <summary>What a prediction starting now is called with: the book's label frequencies and the chosen candidate.</summary>
    public CallContext Context
    {
        get
        {
            double total = _labels[0] + _labels[1] + _labels[2] + PriorPseudoLabels;
            double Share(int c) => (_labels[c] + PriorPseudoLabels / 3) / total;
            return new CallContext(Share(0), Share(1), Share(2), _chosen);
        }
    }

    /// <summary>The call for probabilities <paramref name="p"/> under <paramref name="context"/>.</summary>
    public LabelClass Call(ClassProbabilities p, in CallContext context) => Candidate(p, context, _exponents[context.Candidate]);

    /// <summary>A past prediction's label is known: every candidate's record is updated, then the call chosen again.</summary>
    public void Resolve(ClassProbabilities p, in CallContext context, LabelClass label)
    {
        for (int i = 0; i < _confusion.Length; i++) _confusion[i] *= _keep;
        for (int k = 0; k < _exponents.Length; k++)
            _confusion[k * 9 + (int)label * 3 + (int)Candidate(p, context, _exponents[k])] += 1;
        for (int c = 0; c < 3; c++) _labels[c] = _keep * _labels[c] + (c == (int)label ? 1 : 0);
        if (++_resolved < _warmup) return;
        double best = double.NegativeInfinity;
        for (int k = 0; k < _exponents.Length; k++)
        {
            double f1 = MacroF1(_confusion.AsSpan(k * 9, 9));
            if (f1 > best)
            {
                best = f1;
                _chosen = k;
            }
        }
    }

    public void Save(StateWriter w)
    {
        w.Begin("call-rule");
        w.Write(_labels);
        w.Write(_confusion);
        w.Write(_resolved);
        w.Write(_chosen);
    }

    public void Load(StateReader r)
    {
        r.Begin("call-rule");
        r.ReadInto(_labels);
        r.ReadInto(_confusion);
        _resolved = r.ReadInt64();
        _chosen = r.ReadInt32();
        if (_chosen < 0 || _chosen >= _exponents.Length) throw new InvalidDataException($"call rule state: candidate {_chosen} of {_exponents.Length}");
    }

    public void Forget()
    {
        Array.Clear(_labels);
        Array.Clear(_confusion);
        _resolved = 0;
        _chosen = 0;
    }

    private static LabelClass Candidate(ClassProbabilities p, in CallContext context, double exponent)
    {
        if (exponent == 0) return p.Predicted;
        return new ClassProbabilities(p.Down / Math.Pow(context.Down, exponent), p.Flat / Math.Pow(context.Flat, exponent),
            p.Up / Math.Pow(context.Up, exponent)).Predicted;
    }

    /// <summary>Macro-F1 of a confusion matrix (row: label, column: call).</summary>
    private static double MacroF1(ReadOnlySpan<double> m)
    {
        double sum = 0;
        for (int c = 0; c < 3; c++)
        {
            double tp = m[c * 3 + c], called = m[c] + m[3 + c] + m[6 + c], actual = m[c * 3] + m[c * 3 + 1] + m[c * 3 + 2];
            sum += called + actual > 0 ? 2 * tp / (called + actual) : 0;
        }
        return sum / 3;
    }
}

/// <summary>The state a prediction is called with: the book's label frequencies then, and the candidate chosen then.</summary>
public readonly record struct CallContext(double Down, double Flat, double Up, int Candidate);
