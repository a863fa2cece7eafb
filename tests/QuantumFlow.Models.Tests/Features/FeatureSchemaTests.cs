using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Features;

public class FeatureSchemaTests
{
    /// <summary>The original system's 70 pipeline columns (seed spec 2.6), which must keep their names.</summary>
    public static IEnumerable<string> SeedNames()
    {
        foreach (int l in new[] { 1, 5, 10 })
        {
            yield return $"ofi_L{l}";
            foreach (int w in new[] { 10, 50, 100 })
            {
                yield return $"ofi_L{l}_mean_{w}";
                yield return $"ofi_L{l}_std_{w}";
                yield return $"ofi_L{l}_sum_{w}";
            }
        }
        foreach (string n in new[] { "mid_price", "micro_price", "weighted_mid_price", "micro_price_deviation", "micro_price_bps_deviation",
                     "adaptive_fair_value", "price_vs_fair_value", "price_vs_fair_value_bps",
                     "total_bid_volume", "total_ask_volume", "volume_imbalance", "volume_imbalance_ratio", "depth_imbalance",
                     "liquidity_concentration_bid", "liquidity_concentration_ask", "spread", "spread_bps", "relative_spread",
                     "bid_arrival_rate", "ask_arrival_rate", "total_arrival_rate", "bid_cancel_ratio", "ask_cancel_ratio",
                     "total_cancel_ratio", "order_book_intensity", "avg_queue_depth_bid", "avg_queue_depth_ask", "avg_time_between_events" })
            yield return n;
        foreach (int w in new[] { 20, 50, 100 })
        {
            yield return $"rv_{w}";
            yield return $"parkinson_vol_{w}";
            yield return $"garman_klass_vol_{w}";
            yield return $"rogers_satchell_vol_{w}";
        }
    }

    [Fact]
    public void Default_schema_contains_every_seed_name_and_the_additions()
    {
        FeatureSchema s = FeatureSchema.Default;
        string[] seed = [.. SeedNames()];
        Assert.Equal(70, seed.Length);
        Assert.All(seed, n => Assert.True(s.Contains(n), $"seed feature {n} is missing"));
        foreach (string n in new[] { "cks_ofi_L10_norm_100", "yang_zhang_vol_50", "bipower_vol_20", "trade_volume_imbalance_1000ms",
                     "trade_intensity_10000ms", "time_fair_value", "bid_execution_rate", "book_valid", "ofi_L5_sum_50_rel", "signed_trade_volume_1000ms_rel",
                     "trade_intensity_10000ms_rel", "order_book_intensity_rel" })
            Assert.True(s.Contains(n), $"{n} is missing");
        Assert.Equal(s.Count, s.Names.Distinct().Count());
        Assert.Equal(152, s.Count); // 115 + 26 relative sizes + 11 relative rates
    }

    [Fact]
    public void Names_follow_the_options_and_schemas_are_shared()
    {
        var options = new FeatureOptions { OfiLevels = [2], OfiWindows = [7], VolatilityWindows = [9], TradeWindowsMs = [250] };
        FeatureSchema s = FeatureSchema.For(options);
        Assert.True(s.Contains("ofi_L2_std_7"));
        Assert.True(s.Contains("cks_ofi_L2_norm_7"));
        Assert.True(s.Contains("yang_zhang_vol_9"));
        Assert.True(s.Contains("signed_trade_volume_250ms"));
        Assert.False(s.Contains("ofi_L1"));
        Assert.Same(s, FeatureSchema.For(options with { }));
        Assert.Equal(s.Names.ToArray(), new FeatureEngine(options).Schema.Names.ToArray());
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new FeatureEngine(new FeatureOptions { OfiWindows = [] }));
        Assert.Throws<ArgumentException>(() => new FeatureEngine(new FeatureOptions { AdaptiveAlpha = 1 }));
        Assert.Throws<ArgumentException>(() => new FeatureEngine(new FeatureOptions { VolatilityWindows = [1] }));
        Assert.Throws<ArgumentException>(() => new FeatureEngine(new FeatureOptions { OfiLevels = [5, 5] }));
    }

    [Fact]
    public void Rows_are_immutable_copies()
    {
        var t = new TestBook();
        var engine = new FeatureEngine();
        FeatureVector v = engine.OnBookUpdate(t.Book, t.Snapshot([(100m, 1m)], [(101m, 1m)]));
        FeatureRow row = v.ToRow();
        engine.OnBookUpdate(t.Book, t.Delta((Side.Bid, 100.5m, 1m)));
        Assert.Equal(100.5, row[FeatureNames.MidPrice]);
        Assert.Equal(100.75, v[FeatureNames.MidPrice]);
        Assert.Equal(1, row.Sequence);
        Assert.Equal("TEST", row.Symbol);
        Assert.Equal(MessageKind.Snapshot, row.Trigger);
    }

    [Fact]
    public void Every_default_feature_is_documented()
    {
        string text = File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "FEATURES.md"));
        // Windowed names are documented as patterns with their default instances listed; check each concrete name.
        var missing = FeatureSchema.Default.Names.Where(n => !text.Contains($"`{n}`")).ToList();
        Assert.True(missing.Count == 0, "not in docs/FEATURES.md: " + string.Join(", ", missing));
    }
}
