using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using N = QuantumFlow.Models.Features.FeatureNames;

namespace QuantumFlow.Models.Tests.Features;

public class VolatilityTests
{
    // Four bars of three mids each: (O, H, L, C) = (100, 101, 100, 100.5), (100.2, 100.9, 99.8, 100.9),
    // (101, 101.5, 101, 101.2), (100.8, 101.0, 100.6, 101.0). Bar 0 only provides the first reference close.
    private static readonly decimal[] Mids =
    [
        100m, 101m, 100.5m,
        100.2m, 99.8m, 100.9m,
        101m, 101.5m, 101.2m,
        100.8m, 100.6m, 101.0m,
    ];

    private static readonly FeatureOptions Options = new() { BarUpdates = 3, VolatilityWindows = [2, 3] };

    private static List<double[]> Replay(decimal[] mids)
    {
        var t = new TestBook();
        var e = new FeatureEngine(Options);
        var rows = new List<double[]>();
        decimal bid = mids[0] - 0.05m, ask = mids[0] + 0.05m;
        rows.Add(e.OnBookUpdate(t.Book, t.Snapshot([(bid, 1m)], [(ask, 1m)])).Values.ToArray());
        for (int i = 1; i < mids.Length; i++)
        {
            decimal nb = mids[i] - 0.05m, na = mids[i] + 0.05m;
            // Remove the old top and set the new one in one delta; asks first would not cross either way here.
            var m = t.Delta((Side.Bid, bid, 0m), (Side.Ask, ask, 0m), (Side.Bid, nb, 1m), (Side.Ask, na, 1m));
            rows.Add(e.OnBookUpdate(t.Book, m).Values.ToArray());
            bid = nb;
            ask = na;
        }
        return rows;
    }

    private static double Get(double[] row, string name) => row[FeatureSchema.For(Options).IndexOf(name)];

    [Theory]
    // Expected values computed independently (Python, from the formulas in docs/FEATURES.md) for the four bars.
    [InlineData(2, 0.0034981063946284163, 0.0026902764556598407, 0.0029186794655461112, 0.0033540177942928875, 0.0047565006296771146, 0.0037248784391249595)]
    [InlineData(3, 0.0031855921340103494, 0.0043899002802474532, 0.0044119243103633646, 0.0047026909091222591, 0.0052525052796475874, 0.0037248784391249595)]
    public void Estimators_match_a_hand_computed_series(int window, double rv, double parkinson, double gk, double rs, double yz, double bipower)
    {
        double[] last = Replay(Mids)[^1];
        const double tol = 1e-12;
        Assert.Equal(rv, Get(last, N.RealizedVolatility(window)), tol);
        Assert.Equal(parkinson, Get(last, N.ParkinsonVolatility(window)), tol);
        Assert.Equal(gk, Get(last, N.GarmanKlassVolatility(window)), tol);
        Assert.Equal(rs, Get(last, N.RogersSatchellVolatility(window)), tol);
        Assert.Equal(yz, Get(last, N.YangZhangVolatility(window)), tol);
        Assert.Equal(bipower, Get(last, N.BipowerVolatility(window)), tol);
        Assert.Equal(3, Get(last, N.VolatilityBars));
    }

    [Fact]
    public void Values_change_only_when_a_bar_closes_and_never_before_it_closes()
    {
        List<double[]> rows = Replay(Mids);
        string[] names = [N.RealizedVolatility(3), N.ParkinsonVolatility(3), N.YangZhangVolatility(3), N.VolatilityBars];
        // Updates 0..5 (bars 0 and 1 still open or just the reference bar): nothing can be known yet except after bar 1.
        for (int i = 0; i < 5; i++)
            foreach (string n in names) Assert.Equal(0, Get(rows[i], n));
        Assert.Equal(1, Get(rows[5], N.VolatilityBars)); // bar 1 closes at update 5
        Assert.True(Get(rows[5], N.ParkinsonVolatility(3)) > 0);
        // Inside bar 2 (updates 6, 7) the values stay those of bar 1: no partial-bar or future information.
        foreach (string n in names)
        {
            Assert.Equal(Get(rows[5], n), Get(rows[6], n));
            Assert.Equal(Get(rows[5], n), Get(rows[7], n));
        }
        Assert.NotEqual(Get(rows[7], N.ParkinsonVolatility(3)), Get(rows[8], N.ParkinsonVolatility(3)));
    }

    [Fact]
    public void A_single_bar_gives_zero_sample_deviations_not_nan()
    {
        double[] row = Replay(Mids)[5];
        Assert.Equal(0, Get(row, N.RealizedVolatility(2)));   // one return: no sample std
        Assert.Equal(0, Get(row, N.YangZhangVolatility(2)));  // needs two bars
        Assert.Equal(0, Get(row, N.BipowerVolatility(2)));    // needs two returns
        double hl = Math.Log(100.9 / 99.8);
        Assert.Equal(Math.Sqrt(hl * hl / (4 * Math.Log(2))), Get(row, N.ParkinsonVolatility(2)), 1e-14);
    }
}
