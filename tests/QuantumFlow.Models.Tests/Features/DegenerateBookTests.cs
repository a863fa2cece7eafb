using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using N = QuantumFlow.Models.Features.FeatureNames;

namespace QuantumFlow.Models.Tests.Features;

public class DegenerateBookTests
{
    private static void AssertFinite(FeatureVector v)
    {
        for (int i = 0; i < v.Count; i++)
            Assert.True(double.IsFinite(v[i]), $"{v.Schema.Names[i]} = {v[i]}");
    }

    [Fact]
    public void Empty_book_gives_zeros()
    {
        var t = new TestBook();
        var e = new FeatureEngine();
        FeatureVector v = e.OnBookUpdate(t.Book, t.Snapshot([], []));
        AssertFinite(v);
        Assert.All(v.Values.ToArray(), x => Assert.Equal(0, x));
    }

    [Fact]
    public void One_sided_book_has_no_price_and_is_marked_invalid()
    {
        var t = new TestBook();
        var e = new FeatureEngine();
        FeatureVector v = e.OnBookUpdate(t.Book, t.Snapshot([(100m, 2m), (99m, 1m)], []));
        AssertFinite(v);
        Assert.Equal(0, v[N.BookValid]);
        Assert.Equal(0, v[N.MidPrice]);
        Assert.Equal(0, v[N.MicroPrice]);
        Assert.Equal(0, v[N.SpreadBps]);
        Assert.Equal(3, v[N.TotalBidVolume]);
        Assert.Equal(0, v[N.DepthImbalance]);        // no ask volume: 0, not infinity
        Assert.Equal(1, v[N.VolumeImbalanceRatio]);

        // The ask side empties later: flow sees the whole ask queue leave.
        e.OnBookUpdate(t.Book, t.Delta((Side.Ask, 101m, 4m)));
        v = e.OnBookUpdate(t.Book, t.Delta((Side.Ask, 101m, 0m)));
        AssertFinite(v);
        Assert.Equal(4, v[N.CksOfi(1)], 1e-12);
        Assert.Equal(0, v[N.BookValid]);
    }

    [Fact]
    public void Crossed_book_falls_back_to_the_mid_and_is_marked_invalid()
    {
        var t = new TestBook();
        var e = new FeatureEngine();
        e.OnBookUpdate(t.Book, t.Snapshot([(100m, 2m)], [(101m, 1m)]));
        FeatureVector v = e.OnBookUpdate(t.Book, t.Delta((Side.Bid, 101.5m, 1m)));
        AssertFinite(v);
        Assert.True(t.Book.IsCrossed);
        Assert.Equal(0, v[N.BookValid]);
        Assert.Equal(101.25, v[N.MidPrice], 1e-12);
        Assert.Equal(101.25, v[N.MicroPrice], 1e-12);
        Assert.Equal(-0.5, v[N.Spread], 1e-12);
        Assert.Equal(0, v[N.MidReturnBps]);
    }

    [Fact]
    public void Locked_book_is_crossed_and_zero_spread()
    {
        var t = new TestBook();
        var e = new FeatureEngine();
        e.OnBookUpdate(t.Book, t.Snapshot([(100m, 2m)], [(101m, 1m)]));
        FeatureVector v = e.OnBookUpdate(t.Book, t.Delta((Side.Bid, 101m, 1m)));
        AssertFinite(v);
        Assert.Equal(0, v[N.Spread]);
        Assert.Equal(0, v[N.BookValid]);
    }

    [Fact]
    public void Trades_before_any_book_and_bursts_at_one_instant_stay_finite()
    {
        var t = new TestBook();
        var e = new FeatureEngine();
        long t0 = t.TimeNs;
        FeatureVector v = e.OnTrade(t.Trade(Side.Bid, 100m, 1m, t0));
        AssertFinite(v);
        Assert.Equal(1, v[N.TradeVolumeImbalance(1000)]);
        for (int i = 0; i < 5; i++)
        {
            e.OnBookUpdate(t.Book, i == 0 ? t.Snapshot([(100m, 1m)], [(101m, 1m)], t0) : t.DeltaAt(t0, (Side.Bid, 100m, 1m + i)));
            AssertFinite(e.Vector);
        }
        // Every queue event at one instant: no time span, so rates are 0 rather than infinite.
        Assert.Equal(0, e.Vector[N.BidArrivalRate]);
        Assert.Equal(0, e.Vector[N.OrderBookIntensity]);
        Assert.Equal(1, e.Vector[N.AvgQueueDepthBid], 1e-12);
    }

    [Fact]
    public void Zero_size_trades_and_time_going_backwards_stay_finite()
    {
        var t = new TestBook();
        var e = new FeatureEngine();
        e.OnBookUpdate(t.Book, t.Snapshot([(100m, 1m)], [(101m, 1m)]));
        AssertFinite(e.OnTrade(t.Trade(Side.Ask, 100m, 0m)));
        long before = e.Vector.TimeNs;
        FeatureVector v = e.OnBookUpdate(t.Book, t.DeltaAt(before - 5_000_000, (Side.Bid, 100m, 2m)));
        AssertFinite(v);
        Assert.Equal(before, v.TimeNs); // the engine clock does not go back
    }
}
