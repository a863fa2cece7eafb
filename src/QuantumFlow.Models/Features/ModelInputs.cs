using System.Collections.Immutable;

namespace QuantumFlow.Models.Features;

/// <summary>
/// Which features the models read. Every input is scale-free: prices as bps of the mid, spreads or log returns; sizes
/// as ratios, imbalances or divided by their running scale (<c>*_rel</c>, <see cref="Scaling.RelativeScales"/>); rates
/// divided by theirs. Left out: price and size levels (a model would learn "BTC was at 64k" or "this market trades 0.1
/// contracts"), the raw size-denominated flow (OFI, CKS OFI, signed volume) and the raw rates (a model would learn
/// "this market trades 40 times a second"), whose relative forms are in. A model
/// trained on BTC spot therefore reads ETH futures quoted in contracts the same way (docs/FEATURES.md, tested with
/// sizes x100 and prices x10).
/// </summary>
public static class ModelInputs
{
    /// <summary>Levels in price or size units, and the validity flag (the predictor only predicts on valid books).</summary>
    public static readonly ImmutableHashSet<string> Levels =
    [
        FeatureNames.BookValid, FeatureNames.MidPrice, FeatureNames.MicroPrice, FeatureNames.WeightedMidPrice,
        FeatureNames.AdaptiveFairValue, FeatureNames.TimeFairValue, FeatureNames.MicroPriceDeviation, FeatureNames.PriceVsFairValue,
        FeatureNames.Spread, FeatureNames.TotalBidVolume, FeatureNames.TotalAskVolume, FeatureNames.VolumeImbalance,
        FeatureNames.AvgQueueDepthBid, FeatureNames.AvgQueueDepthAsk,
    ];

    /// <summary>
    /// Scale-free features left out, each for what the walk-forward measured. The mean time between the queue
    /// window's events is span / (n - 1), the book intensity n / span over the same window: one is the other's inverse,
    /// and its relative form has no upper bound when a thin book pauses after a burst (it sat on its clip on 1.4-2.4 %
    /// of the rows of four COIN-M books; the intensity's falls toward 0 there). The mid's return over the last update
    /// is a tick of tens of bps on a thin book (on its clip on 1.4 % of one COIN-M book's rows); the move's direction
    /// stays in the mid's distance from its fair values and its size in the volatilities. Without both, the ensemble's
    /// log-loss on the Binance sessions was better or at most 0.003 worse (docs/evaluation/README.md).
    /// </summary>
    public static readonly ImmutableHashSet<string> LeftOut =
        [FeatureNames.AvgTimeBetweenEvents, FeatureNames.Relative(FeatureNames.AvgTimeBetweenEvents), FeatureNames.MidReturnBps];

    /// <summary>The inputs of the default feature set, in schema order.</summary>
    public static ImmutableArray<string> Names { get; } = Of(FeatureSchema.For(FeatureOptions.Default).Names);

    /// <summary>
    /// The inputs among <paramref name="features"/>, in their order: no level, no raw flow in contracts, nothing
    /// <see cref="LeftOut"/>, and no feature whose relative form (<see cref="Scaling.RelativeScales"/>) is there,
    /// which replaces it.
    /// </summary>
    public static ImmutableArray<string> Of(IEnumerable<string> features)
    {
        string[] all = [.. features];
        var present = new HashSet<string>(all, StringComparer.Ordinal);
        return [.. all.Where(f => !Levels.Contains(f) && !LeftOut.Contains(f) && !IsRawSize(f) && !present.Contains(FeatureNames.Relative(f)))];
    }

    /// <summary>Flow measured in contracts or coins: OFI and its window statistics, CKS OFI and its sums, signed volume.</summary>
    private static bool IsRawSize(string feature) =>
        !feature.EndsWith("_rel", StringComparison.Ordinal)
        && (feature.StartsWith("ofi_L", StringComparison.Ordinal)
            || (feature.StartsWith("cks_ofi_L", StringComparison.Ordinal) && !feature.Contains("_norm_", StringComparison.Ordinal))
            || feature.StartsWith("signed_trade_volume_", StringComparison.Ordinal));
}
