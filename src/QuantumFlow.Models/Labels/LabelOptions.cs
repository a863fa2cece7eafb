using QuantumFlow.Models.Features;

namespace QuantumFlow.Models.Labels;

/// <summary>
/// The label definition. The record's defaults are seed spec section 3's (h = 50 points, theta = 5 bps, no smoothing);
/// <see cref="Trading"/> is what the product trains and predicts with.
/// </summary>
public sealed record LabelOptions
{
    public static readonly LabelOptions Default = new();

    /// <summary>
    /// The product's label: a horizon in time, so it means the same on a book that updates 10 times a second (spot)
    /// and 100 times (futures), where 50 updates spanned 5 s and 0.76 s; UP/DOWN when the mid moves beyond the spread
    /// (a taker must cross it) and at least 0.5 bps. 3 s keeps UP and DOWN at 15-20 % each on the shared sessions.
    /// </summary>
    public static readonly LabelOptions Trading = new() { Unit = HorizonUnit.Milliseconds, Horizon = 3_000, Mode = ThresholdMode.Spread, ThresholdBps = 0.5, Multiplier = 1 };

    public HorizonUnit Unit { get; init; } = HorizonUnit.Events;

    /// <summary>h, in points or milliseconds according to <see cref="Unit"/>.</summary>
    public long Horizon { get; init; } = 50;

    /// <summary>The fixed threshold, and the floor of the scaled ones, in bps of the mid.</summary>
    public double ThresholdBps { get; init; } = 5;

    public ThresholdMode Mode { get; init; } = ThresholdMode.Fixed;

    /// <summary>Multiplier of the spread or volatility in the scaled modes.</summary>
    public double Multiplier { get; init; } = 1;

    /// <summary>Compare the mean mid over (t, t + h] instead of the mid at t + h (time-weighted for a time horizon).</summary>
    public bool Smoothed { get; init; }

    /// <summary>The feature read as the volatility (per-bar log std, converted to bps) by <see cref="Labeler.Observe(FeatureVector)"/>.</summary>
    public string VolatilityFeature { get; init; } = FeatureNames.RealizedVolatility(20);

    /// <exception cref="ArgumentException">the horizon is not positive, a threshold or multiplier is negative or not finite.</exception>
    public void Validate()
    {
        if (Horizon < 1) throw new ArgumentException("the horizon must be at least 1", nameof(Horizon));
        if (Unit == HorizonUnit.Events && Horizon > 10_000_000) throw new ArgumentException("an event horizon above 10^7 is not supported", nameof(Horizon));
        if (!Enum.IsDefined(Unit)) throw new ArgumentException("unknown horizon unit", nameof(Unit));
        if (!Enum.IsDefined(Mode)) throw new ArgumentException("unknown threshold mode", nameof(Mode));
        if (!(ThresholdBps >= 0) || !double.IsFinite(ThresholdBps)) throw new ArgumentException("the threshold must be finite and >= 0", nameof(ThresholdBps));
        if (!(Multiplier >= 0) || !double.IsFinite(Multiplier)) throw new ArgumentException("the multiplier must be finite and >= 0", nameof(Multiplier));
    }

    /// <summary>For people: "horizon 3000 ms, threshold 0.5 bps (spread x1)".</summary>
    public string Describe() =>
        $"horizon {Horizon} {(Unit == HorizonUnit.Events ? "events" : "ms")}, threshold {ThresholdBps} bps ({Mode.ToString().ToLowerInvariant()}{(Mode == ThresholdMode.Fixed ? "" : $" x{Multiplier}")}){(Smoothed ? ", smoothed" : "")}";

    /// <summary>theta at a point, in bps.</summary>
    public double ThresholdAt(double spreadBps, double volatilityBps) => Mode switch
    {
        ThresholdMode.Spread => Math.Max(ThresholdBps, Multiplier * Finite(spreadBps)),
        ThresholdMode.Volatility => Math.Max(ThresholdBps, Multiplier * Finite(volatilityBps)),
        _ => ThresholdBps,
    };

    /// <summary>UP above +theta, DOWN below -theta, FLAT in between (inclusive): seed spec section 3.</summary>
    public static LabelClass Classify(double returnBps, double thresholdBps) =>
        returnBps > thresholdBps ? LabelClass.Up : returnBps < -thresholdBps ? LabelClass.Down : LabelClass.Flat;

    private static double Finite(double x) => double.IsFinite(x) && x > 0 ? x : 0;
}
