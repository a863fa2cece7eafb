using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using N = QuantumFlow.Models.Features.FeatureNames;

namespace QuantumFlow.Models.Tests.Features;

public class MicroPriceTests
{
    [Fact]
    public void Micro_price_weights_each_price_by_the_opposite_size()
    {
        var t = new TestBook();
        var engine = new FeatureEngine();
        FeatureVector v = engine.OnBookUpdate(t.Book, t.Snapshot([(100.0m, 10m)], [(100.2m, 8m)]));

        // (8 x 100.0 + 10 x 100.2) / 18: the heavier bid pulls the price toward the ask.
        Assert.Equal(100.1111111111111, v[N.MicroPrice], 1e-12);
        Assert.Equal(100.1, v[N.MidPrice], 1e-12);
        Assert.Equal(0.0111111111111, v[N.MicroPriceDeviation], 1e-10);
        Assert.Equal(0.0111111111111 / 100.1 * 1e4, v[N.MicroPriceBpsDeviation], 1e-8);
        Assert.Equal(1, v[N.BookValid]);
    }

    [Fact]
    public void Spread_in_bps_is_of_the_mid()
    {
        var t = new TestBook();
        var engine = new FeatureEngine();
        FeatureVector v = engine.OnBookUpdate(t.Book, t.Snapshot([(100m, 1m)], [(100.5m, 1m)]));

        // 0.5 / 100.25 x 1e4 (of the mid, not of the bid: that would be 50).
        Assert.Equal(49.87531172069825, v[N.SpreadBps], 1e-10);
        Assert.Equal(0.5, v[N.Spread], 1e-12);
        Assert.Equal(0.5 / 100.25, v[N.RelativeSpread], 1e-14);
        Assert.Equal(t.Book.SpreadBps, v[N.SpreadBps], 1e-10);
    }

    [Fact]
    public void Weighted_mid_uses_the_top_levels_of_both_sides()
    {
        var t = new TestBook();
        var engine = new FeatureEngine(new FeatureOptions { MicroPriceDepth = 2 });
        FeatureVector v = engine.OnBookUpdate(t.Book, t.Snapshot(
            [(100.0m, 1m), (99.9m, 3m), (99.8m, 100m)],
            [(100.1m, 2m), (100.2m, 4m), (100.3m, 100m)]));

        double expected = (100.0 * 1 + 99.9 * 3 + 100.1 * 2 + 100.2 * 4) / 10;
        Assert.Equal(expected, v[N.WeightedMidPrice], 1e-10);
        Assert.Equal((expected - 100.05) / 100.05 * 1e4, v[N.WeightedMidBpsDeviation], 1e-8);
    }

    [Fact]
    public void Adaptive_fair_value_is_a_per_update_ewma_seeded_with_the_first_micro_price()
    {
        var t = new TestBook();
        var engine = new FeatureEngine(new FeatureOptions { AdaptiveAlpha = 0.3 });
        engine.OnBookUpdate(t.Book, t.Snapshot([(100m, 1m)], [(101m, 1m)])); // micro 100.5
        FeatureVector v = engine.OnBookUpdate(t.Book, t.Delta((Side.Bid, 100m, 3m))); // micro (1 x 100 + 3 x 101) / 4 = 100.75

        double fv = 0.3 * 100.75 + 0.7 * 100.5;
        Assert.Equal(fv, v[N.AdaptiveFairValue], 1e-12);
        Assert.Equal(100.75 - fv, v[N.PriceVsFairValue], 1e-12);
        Assert.Equal((100.75 - fv) / fv * 1e4, v[N.PriceVsFairValueBps], 1e-9);
    }

    [Fact]
    public void Time_fair_value_decays_toward_the_held_micro_price_by_its_half_life()
    {
        var t = new TestBook();
        var engine = new FeatureEngine(new FeatureOptions { FairValueHalfLifeMs = 100 });
        long t0 = 1_700_000_000_000_000_000;
        engine.OnBookUpdate(t.Book, t.Snapshot([(100m, 1m)], [(101m, 1m)], t0)); // micro 100.5 from t0
        FeatureVector v = engine.OnBookUpdate(t.Book, t.DeltaAt(t0 + 100_000_000, (Side.Bid, 100m, 3m))); // 1 half-life later

        // The 100.5 held for exactly one half-life: nothing to move toward yet (FV was 100.5).
        Assert.Equal(100.5, v[N.TimeFairValue], 1e-12);
        // Now 100.75 is held; one half-life later (a trade moves the clock) the gap halves.
        v = engine.OnTrade(t.Trade(Side.Bid, 101m, 1m, t0 + 200_000_000));
        Assert.Equal(100.75 - 0.25 / 2, v[N.TimeFairValue], 1e-12);
        Assert.Equal((100.75 - 100.625) / 100.625 * 1e4, v[N.PriceVsTimeFairValueBps], 1e-9);
        // A burst of updates at one instant does not move it (the seed's per-update EWMA would).
        v = engine.OnBookUpdate(t.Book, t.DeltaAt(t0 + 200_000_000, (Side.Bid, 100m, 30m)));
        v = engine.OnBookUpdate(t.Book, t.DeltaAt(t0 + 200_000_000, (Side.Bid, 100m, 1m)));
        Assert.Equal(100.625, v[N.TimeFairValue], 1e-12);
    }

    [Fact]
    public void Mid_return_is_the_log_return_since_the_last_valid_mid_in_bps()
    {
        var t = new TestBook();
        var engine = new FeatureEngine();
        FeatureVector v = engine.OnBookUpdate(t.Book, t.Snapshot([(100m, 1m)], [(100.2m, 1m)]));
        Assert.Equal(0, v[N.MidReturnBps]);
        v = engine.OnBookUpdate(t.Book, t.Delta((Side.Ask, 100.2m, 0m), (Side.Ask, 100.4m, 1m)));
        Assert.Equal(Math.Log(100.2 / 100.1) * 1e4, v[N.MidReturnBps], 1e-9);
    }
}
