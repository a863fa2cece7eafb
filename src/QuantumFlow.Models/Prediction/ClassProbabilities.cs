using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction;

/// <summary>P(DOWN), P(FLAT), P(UP) of one prediction, in the order of <see cref="LabelClass"/>; they sum to 1.</summary>
public readonly record struct ClassProbabilities(double Down, double Flat, double Up)
{
    public const int ClassCount = 3;

    public static ClassProbabilities Uniform => new(1.0 / 3, 1.0 / 3, 1.0 / 3);

    public double this[LabelClass c] => c switch
    {
        LabelClass.Down => Down,
        LabelClass.Flat => Flat,
        LabelClass.Up => Up,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public double this[int index] => this[(LabelClass)index];

    /// <summary>The most probable class (ties: FLAT first, then DOWN, so an undecided model says "no move").</summary>
    public LabelClass Predicted => Flat >= Down && Flat >= Up ? LabelClass.Flat : Down >= Up ? LabelClass.Down : LabelClass.Up;

    public double Confidence => Math.Max(Down, Math.Max(Flat, Up));

    /// <summary>Scaled to sum 1; uniform when the inputs are not finite or sum to nothing (a model must never emit garbage).</summary>
    public static ClassProbabilities Normalized(double down, double flat, double up)
    {
        double s = down + flat + up;
        if (!(s > 0) || !double.IsFinite(s) || down < 0 || flat < 0 || up < 0) return Uniform;
        return new(down / s, flat / s, up / s);
    }

    public static ClassProbabilities FromSpan(ReadOnlySpan<double> p) => Normalized(p[0], p[1], p[2]);

    /// <summary>Softmax of three logits, stable for large ones.</summary>
    public static ClassProbabilities Softmax(double down, double flat, double up)
    {
        double m = Math.Max(down, Math.Max(flat, up));
        return Normalized(Math.Exp(down - m), Math.Exp(flat - m), Math.Exp(up - m));
    }

    /// <summary>-ln p(label), with p floored so one confident miss costs a finite amount.</summary>
    public double LogLoss(LabelClass label) => -Math.Log(Math.Max(this[label], 1e-12));

    public void CopyTo(Span<double> destination)
    {
        destination[0] = Down;
        destination[1] = Flat;
        destination[2] = Up;
    }

    public override string ToString() => FormattableString.Invariant($"(down {Down:F3}, flat {Flat:F3}, up {Up:F3})");
}
