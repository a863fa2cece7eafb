namespace QuantumFlow.Models.Features;

/// <summary>
/// Windows, levels and constants of the feature set. The defaults are the original system's (seed spec section 2);
/// the additions (CKS OFI, trade flow, the time-based fair value) have defaults documented in docs/FEATURES.md.
/// Feature names are derived from these values, so two engines with equal options (lists compare by content) emit equal
/// schemas.
/// </summary>
public sealed record FeatureOptions
{
    public static readonly FeatureOptions Default = new();

    /// <summary>Cumulative depths L for OFI: level L sums levels 1..L.</summary>
    public IReadOnlyList<int> OfiLevels { get; init; } = [1, 5, 10];

    /// <summary>Rolling windows of OFI statistics, in book updates.</summary>
    public IReadOnlyList<int> OfiWindows { get; init; } = [10, 50, 100];

    /// <summary>Levels per side in the depth-weighted mid (<c>weighted_mid_price</c>).</summary>
    public int MicroPriceDepth { get; init; } = 3;

    /// <summary>Per-update EWMA weight of the seed's adaptive fair value, in (0, 1).</summary>
    public double AdaptiveAlpha { get; init; } = 0.3;

    /// <summary>Half-life of the time-based fair value, in milliseconds.</summary>
    public double FairValueHalfLifeMs { get; init; } = 1_000;

    /// <summary>Levels per side summed in the volume profile (D).</summary>
    public int VolumeDepth { get; init; } = 20;

    /// <summary>Top levels whose share of the side's volume is the liquidity concentration.</summary>
    public int ConcentrationDepth { get; init; } = 3;

    /// <summary>Queue events (inferred level-1 arrivals, cancels, executions) kept in the queue window.</summary>
    public int QueueWindow { get; init; } = 100;

    /// <summary>Volatility windows, in completed bars.</summary>
    public IReadOnlyList<int> VolatilityWindows { get; init; } = [20, 50, 100];

    /// <summary>Valid (two-sided, uncrossed) book updates per OHLC bar of the mid.</summary>
    public int BarUpdates { get; init; } = 20;

    /// <summary>Trailing time windows of the trade-flow features, in milliseconds.</summary>
    public IReadOnlyList<int> TradeWindowsMs { get; init; } = [1_000, 10_000];

    public FeatureClock Clock { get; init; } = FeatureClock.Receive;

    /// <summary>
    /// Half-life, in engine outputs, of the running size scale that the <c>*_rel</c> features divide by: long enough
    /// that one burst does not reset it, short enough to follow a book whose depth changes over the day.
    /// </summary>
    public double RelativeScaleHalfLife { get; init; } = 2_000;

    /// <summary>Levels per side the engine mirrors from the book: the deepest level any feature reads.</summary>
    public int MirrorDepth => Math.Max(Math.Max(OfiLevels.Max(), VolumeDepth), Math.Max(MicroPriceDepth, ConcentrationDepth));

    /// <exception cref="ArgumentException">a window, level or constant is out of range, or a list is empty or repeats a value.</exception>
    public void Validate()
    {
        CheckList(OfiLevels, nameof(OfiLevels), 1, 1_000);
        CheckList(OfiWindows, nameof(OfiWindows), 1, 1_000_000);
        CheckList(VolatilityWindows, nameof(VolatilityWindows), 2, 1_000_000);
        CheckList(TradeWindowsMs, nameof(TradeWindowsMs), 1, 86_400_000);
        Check(RelativeScaleHalfLife is >= 1 and <= 1e9, nameof(RelativeScaleHalfLife), "must be 1..1e9");
        Check(MicroPriceDepth is >= 1 and <= 1_000, nameof(MicroPriceDepth), "must be 1..1000");
        Check(VolumeDepth is >= 1 and <= 1_000, nameof(VolumeDepth), "must be 1..1000");
        Check(ConcentrationDepth is >= 1 and <= 1_000, nameof(ConcentrationDepth), "must be 1..1000");
        Check(QueueWindow is >= 2 and <= 1_000_000, nameof(QueueWindow), "must be 2..1000000");
        Check(BarUpdates >= 1, nameof(BarUpdates), "must be at least 1");
        Check(AdaptiveAlpha is > 0 and < 1, nameof(AdaptiveAlpha), "must lie in (0, 1)");
        Check(FairValueHalfLifeMs > 0 && double.IsFinite(FairValueHalfLifeMs), nameof(FairValueHalfLifeMs), "must be positive and finite");
        Check(Enum.IsDefined(Clock), nameof(Clock), "unknown clock");
    }

    public bool Equals(FeatureOptions? other) =>
        other is not null &&
        OfiLevels.SequenceEqual(other.OfiLevels) && OfiWindows.SequenceEqual(other.OfiWindows) &&
        VolatilityWindows.SequenceEqual(other.VolatilityWindows) && TradeWindowsMs.SequenceEqual(other.TradeWindowsMs) &&
        MicroPriceDepth == other.MicroPriceDepth && AdaptiveAlpha.Equals(other.AdaptiveAlpha) &&
        FairValueHalfLifeMs.Equals(other.FairValueHalfLifeMs) && VolumeDepth == other.VolumeDepth &&
        ConcentrationDepth == other.ConcentrationDepth && QueueWindow == other.QueueWindow &&
        BarUpdates == other.BarUpdates && Clock == other.Clock;

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int v in OfiLevels) h.Add(v);
        foreach (int v in OfiWindows) h.Add(v);
        foreach (int v in VolatilityWindows) h.Add(v);
        foreach (int v in TradeWindowsMs) h.Add(v);
        h.Add(MicroPriceDepth);
        h.Add(AdaptiveAlpha);
        h.Add(FairValueHalfLifeMs);
        h.Add(VolumeDepth);
        h.Add(ConcentrationDepth);
        h.Add(QueueWindow);
        h.Add(BarUpdates);
        h.Add(Clock);
        return h.ToHashCode();
    }

    private static void CheckList(IReadOnlyList<int> values, string name, int min, int max)
    {
        Check(values is { Count: > 0 }, name, "must not be empty");
        Check(values.All(v => v >= min && v <= max), name, $"values must lie in {min}..{max}");
        Check(values.Distinct().Count() == values.Count, name, "values must be distinct");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok) throw new ArgumentException($"{nameof(FeatureOptions)}.{name} {rule}", name);
    }
}
