using System.Globalization;

namespace QuantumFlow.Models.Features;

/// <summary>
/// The stable feature names. Seed names (the original system's columns) are kept verbatim so results stay comparable;
/// windowed names carry their level and window, as in the seed (<c>ofi_L5_std_50</c>). docs/FEATURES.md defines each.
/// </summary>
public static class FeatureNames
{
    // Book state
    public const string BookValid = "book_valid";

    // Micro-price family (seed) and stationary additions
    public const string MidPrice = "mid_price";
    public const string MicroPrice = "micro_price";
    public const string WeightedMidPrice = "weighted_mid_price";
    public const string MicroPriceDeviation = "micro_price_deviation";
    public const string MicroPriceBpsDeviation = "micro_price_bps_deviation";
    public const string AdaptiveFairValue = "adaptive_fair_value";
    public const string PriceVsFairValue = "price_vs_fair_value";
    public const string PriceVsFairValueBps = "price_vs_fair_value_bps";
    public const string WeightedMidBpsDeviation = "weighted_mid_bps_deviation";
    public const string TimeFairValue = "time_fair_value";
    public const string PriceVsTimeFairValueBps = "price_vs_time_fair_value_bps";
    public const string MidReturnBps = "mid_return_bps";

    // Volume profile and spread (seed) and addition
    public const string TotalBidVolume = "total_bid_volume";
    public const string TotalAskVolume = "total_ask_volume";
    public const string VolumeImbalance = "volume_imbalance";
    public const string VolumeImbalanceRatio = "volume_imbalance_ratio";
    public const string DepthImbalance = "depth_imbalance";
    public const string LiquidityConcentrationBid = "liquidity_concentration_bid";
    public const string LiquidityConcentrationAsk = "liquidity_concentration_ask";
    public const string Spread = "spread";
    public const string SpreadBps = "spread_bps";
    public const string RelativeSpread = "relative_spread";
    public const string VolumeWeightedSpreadBps = "volume_weighted_spread_bps";

    // Queue dynamics (seed) and additions
    public const string BidArrivalRate = "bid_arrival_rate";
    public const string AskArrivalRate = "ask_arrival_rate";
    public const string TotalArrivalRate = "total_arrival_rate";
    public const string BidCancelRatio = "bid_cancel_ratio";
    public const string AskCancelRatio = "ask_cancel_ratio";
    public const string TotalCancelRatio = "total_cancel_ratio";
    public const string OrderBookIntensity = "order_book_intensity";
    public const string AvgQueueDepthBid = "avg_queue_depth_bid";
    public const string AvgQueueDepthAsk = "avg_queue_depth_ask";
    public const string AvgTimeBetweenEvents = "avg_time_between_events";
    public const string BidCancelRate = "bid_cancel_rate";
    public const string AskCancelRate = "ask_cancel_rate";
    public const string BidExecutionRate = "bid_execution_rate";
    public const string AskExecutionRate = "ask_execution_rate";
    public const string TotalExecutionRatio = "total_execution_ratio";

    /// <summary>The queue window's rates and its time between events: they depend on how busy a market is.</summary>
    public static readonly IReadOnlyList<string> QueueRates =
    [
        BidArrivalRate, AskArrivalRate, TotalArrivalRate, OrderBookIntensity, AvgTimeBetweenEvents,
        BidCancelRate, AskCancelRate, BidExecutionRate, AskExecutionRate,
    ];

    // Volatility warm-up
    public const string VolatilityBars = "volatility_bars";

    /// <summary>Seed OFI (positional, increases only) over levels 1..L.</summary>
    public static string Ofi(int level) => Invariant($"ofi_L{level}");
    public static string OfiMean(int level, int window) => Invariant($"ofi_L{level}_mean_{window}");
    public static string OfiStd(int level, int window) => Invariant($"ofi_L{level}_std_{window}");
    public static string OfiSum(int level, int window) => Invariant($"ofi_L{level}_sum_{window}");

    /// <summary>Cont-Kukanov-Stoikov OFI of one update, summed over levels 1..L.</summary>
    public static string CksOfi(int level) => Invariant($"cks_ofi_L{level}");
    public static string CksOfiSum(int level, int window) => Invariant($"cks_ofi_L{level}_sum_{window}");
    /// <summary>CKS OFI summed over the window, divided by the window's average depth per level of levels 1..L.</summary>
    public static string CksOfiNorm(int level, int window) => Invariant($"cks_ofi_L{level}_norm_{window}");

    public static string RealizedVolatility(int bars) => Invariant($"rv_{bars}");
    public static string ParkinsonVolatility(int bars) => Invariant($"parkinson_vol_{bars}");
    public static string GarmanKlassVolatility(int bars) => Invariant($"garman_klass_vol_{bars}");
    public static string RogersSatchellVolatility(int bars) => Invariant($"rogers_satchell_vol_{bars}");
    public static string YangZhangVolatility(int bars) => Invariant($"yang_zhang_vol_{bars}");
    public static string BipowerVolatility(int bars) => Invariant($"bipower_vol_{bars}");

    public static string TradeVolumeImbalance(int windowMs) => Invariant($"trade_volume_imbalance_{windowMs}ms");
    public static string SignedTradeVolume(int windowMs) => Invariant($"signed_trade_volume_{windowMs}ms");
    public static string TradeIntensity(int windowMs) => Invariant($"trade_intensity_{windowMs}ms");

    /// <summary>A size-denominated feature or a rate divided by its running scale (<see cref="Scaling.RelativeScales"/>).</summary>
    public static string Relative(string feature) => feature + "_rel";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
