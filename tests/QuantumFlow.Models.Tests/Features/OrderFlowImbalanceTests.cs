using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using N = QuantumFlow.Models.Features.FeatureNames;

namespace QuantumFlow.Models.Tests.Features;

public class OrderFlowImbalanceTests
{
    private static readonly FeatureOptions Options = new() { OfiLevels = [1, 2, 3, 5], OfiWindows = [2, 10] };

    /// <summary>
    /// Step 0: bids 100.0x5, 99.9x3, 99.8x2; asks 100.1x4, 100.2x6, 100.3x1.
    /// Step 1: bid 100.0 -> 7; ask 100.1 removed; ask 100.4x2 added.
    /// Step 2: bid 100.1x3 added; bid 99.8 removed.
    /// </summary>
    private static (FeatureVector V, FeatureEngine E, TestBook T) Run(int steps)
    {
        var t = new TestBook();
        var e = new FeatureEngine(Options);
        FeatureVector v = e.OnBookUpdate(t.Book, t.Snapshot(
            [(100.0m, 5m), (99.9m, 3m), (99.8m, 2m)],
            [(100.1m, 4m), (100.2m, 6m), (100.3m, 1m)]));
        if (steps >= 1) v = e.OnBookUpdate(t.Book, t.Delta((Side.Bid, 100.0m, 7m), (Side.Ask, 100.1m, 0m), (Side.Ask, 100.4m, 2m)));
        if (steps >= 2) v = e.OnBookUpdate(t.Book, t.Delta((Side.Bid, 100.1m, 3m), (Side.Bid, 99.8m, 0m)));
        return (v, e, t);
    }

    [Fact]
    public void First_snapshot_has_zero_flow()
    {
        var (v, _, _) = Run(0);
        foreach (int l in Options.OfiLevels)
        {
            Assert.Equal(0, v[N.CksOfi(l)]);
            Assert.Equal(0, v[N.Ofi(l)]);
            Assert.Equal(0, v[N.CksOfiSum(l, 10)]);
        }
    }

    [Fact]
    public void Cks_ofi_compares_prices_level_by_level()
    {
        var (v, _, _) = Run(1);
        // Level 1: bid same price, 7 - 5 = +2; ask moved up from 100.1: + old 4. e1 = 6.
        // Level 2: bid unchanged 0; ask 100.3 > 100.2: + old 6. Level 3: ask 100.4 > 100.3: + old 1.
        Assert.Equal(6, v[N.CksOfi(1)], 1e-12);
        Assert.Equal(12, v[N.CksOfi(2)], 1e-12);
        Assert.Equal(13, v[N.CksOfi(3)], 1e-12);
        Assert.Equal(13, v[N.CksOfi(5)], 1e-12);
        // The seed's positional increases-only OFI sees the ask queue at level 1 "grow" from 4 to 6.
        Assert.Equal(0, v[N.Ofi(1)], 1e-12);   // bid +2, ask +2
        Assert.Equal(-1, v[N.Ofi(5)], 1e-12);  // bid +2, ask +2 (L1) +0 (L2) +1 (L3)
    }

    [Fact]
    public void Cks_ofi_counts_a_new_better_level_as_its_full_size()
    {
        var (v, _, _) = Run(2);
        // Bid 100.1x3 appears above 100.0: every bid level shifts to a better price: +3, +7, +3; asks unchanged.
        Assert.Equal(3, v[N.CksOfi(1)], 1e-12);
        Assert.Equal(10, v[N.CksOfi(2)], 1e-12);
        Assert.Equal(13, v[N.CksOfi(3)], 1e-12);
        Assert.Equal(0, v[N.Ofi(1)], 1e-12);  // 3 < 7: positional "decrease", ignored
        Assert.Equal(5, v[N.Ofi(5)], 1e-12);  // 100.0x7 vs 99.9x3: +4; 99.9x3 vs 99.8x2: +1
    }

    [Fact]
    public void Rolling_sums_means_stds_and_depth_normalization()
    {
        var (v, _, _) = Run(2);
        Assert.Equal(9, v[N.CksOfiSum(1, 2)], 1e-12);
        Assert.Equal(26, v[N.CksOfiSum(5, 10)], 1e-12);
        Assert.Equal(2, v[N.OfiMean(5, 2)], 1e-12);   // (-1 + 5) / 2
        Assert.Equal(3, v[N.OfiStd(5, 2)], 1e-12);    // population std of {-1, 5}
        Assert.Equal(4, v[N.OfiSum(5, 2)], 1e-12);
        // Average depth per level at L1: (7 + 6) / 2 after step 1, (3 + 6) / 2 after step 2: mean 5.5; 9 / 5.5.
        Assert.Equal(9 / 5.5, v[N.CksOfiNorm(1, 2)], 1e-12);
        // L3 depth: (7+3+2 + 6+1+2)/6 = 3.5, then (3+7+3 + 6+1+2)/6 = 22/6: flow 13 + 13.
        Assert.Equal(26 / ((3.5 + 22.0 / 6) / 2), v[N.CksOfiNorm(3, 2)], 1e-10);
    }

    [Fact]
    public void Changes_below_the_mirrored_depth_leave_flow_at_zero()
    {
        var t = new TestBook();
        var e = new FeatureEngine(new FeatureOptions { OfiLevels = [1, 2], VolumeDepth = 2, MicroPriceDepth = 1, ConcentrationDepth = 1 });
        e.OnBookUpdate(t.Book, t.Snapshot([(100m, 1m), (99m, 1m), (98m, 1m)], [(101m, 1m), (102m, 1m), (103m, 1m)]));
        FeatureVector v = e.OnBookUpdate(t.Book, t.Delta((Side.Bid, 98m, 5m), (Side.Ask, 104m, 2m)));
        Assert.Equal(0, v[N.CksOfi(2)]);
        // Removing level 2 pulls level 3 up: now it counts (ask 103 > 102: + old 1; bid unchanged).
        v = e.OnBookUpdate(t.Book, t.Delta((Side.Ask, 102m, 0m)));
        Assert.Equal(1, v[N.CksOfi(2)], 1e-12);
        Assert.Equal(0, v[N.CksOfi(1)], 1e-12);
    }
}
