using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using N = QuantumFlow.Models.Features.FeatureNames;

namespace QuantumFlow.Models.Tests.Features;

public class QueueDynamicsTests
{
    [Fact]
    public void Decreases_matched_by_trades_are_executions_and_the_rest_cancels()
    {
        var t = new TestBook();
        var e = new FeatureEngine();
        e.OnBookUpdate(t.Book, t.Snapshot([(100m, 10m)], [(101m, 10m)]));
        e.OnTrade(t.Trade(Side.Ask, 100m, 3m));                          // a seller hits 3 at the bid
        FeatureVector v = e.OnBookUpdate(t.Book, t.Delta((Side.Bid, 100m, 5m))); // bid 10 -> 5: 3 traded, 2 cancelled
        Assert.Equal(0.5, v[N.BidCancelRatio], 1e-12);                        // 1 cancel of 2 bid events
        Assert.Equal(0.5, v[N.TotalExecutionRatio], 1e-12);
        Assert.Equal(2.5, v[N.AvgQueueDepthBid], 1e-12);                      // (3 + 2) / 2

        e.OnTrade(t.Trade(Side.Bid, 101m, 10m));                         // a buyer lifts the whole ask
        v = e.OnBookUpdate(t.Book, t.Delta((Side.Ask, 101m, 0m), (Side.Ask, 101.5m, 4m)));
        Assert.Equal(0, v[N.AskCancelRatio]);                              // fully executed, not cancelled
        Assert.Equal(2.0 / 3, v[N.TotalExecutionRatio], 1e-12);
        Assert.Equal(10, v[N.AvgQueueDepthAsk], 1e-12);
    }

    [Fact]
    public void A_new_better_level_is_an_arrival_of_its_full_size()
    {
        var t = new TestBook();
        var e = new FeatureEngine();
        e.OnBookUpdate(t.Book, t.Snapshot([(100m, 10m)], [(101m, 10m)]));
        FeatureVector v = e.OnBookUpdate(t.Book, t.Delta((Side.Bid, 100.5m, 2m)));
        Assert.Equal(2, v[N.AvgQueueDepthBid], 1e-12);
        Assert.Equal(0, v[N.BidCancelRatio]);
    }

    [Fact]
    public void Rates_are_windowed_and_stay_bounded_at_a_steady_pace()
    {
        var t = new TestBook();
        var e = new FeatureEngine(new FeatureOptions { QueueWindow = 10 });
        long t0 = t.TimeNs;
        e.OnBookUpdate(t.Book, t.Snapshot([(100m, 10m)], [(101m, 10m)], t0));
        FeatureVector v = e.Vector;
        var rates = new List<double>();
        for (int i = 1; i <= 200; i++)
        {
            // One bid arrival every 10 ms: 100 per second, however long it runs (the seed's rate grew without bound).
            v = e.OnBookUpdate(t.Book, t.DeltaAt(t0 + i * 10_000_000L, (Side.Bid, 100m, 10m + i)));
            rates.Add(v[N.BidArrivalRate]);
        }
        // 10 events span 90 ms: 10 / 0.09 s, the windowed count over the windowed span.
        Assert.Equal(10 / 0.09, rates[^1], 1e-9);
        Assert.Equal(rates[^1], rates[100], 1e-9);
        Assert.Equal(10 / 0.09, v[N.OrderBookIntensity], 1e-9);
        Assert.Equal(10, v[N.AvgTimeBetweenEvents], 1e-12);
        Assert.Equal(0, v[N.AskArrivalRate]);
    }

    [Fact]
    public void Cancel_and_execution_rates_are_per_second()
    {
        var t = new TestBook();
        var e = new FeatureEngine();
        long t0 = t.TimeNs;
        e.OnBookUpdate(t.Book, t.Snapshot([(100m, 10m)], [(101m, 10m)], t0));
        e.OnBookUpdate(t.Book, t.DeltaAt(t0 + 100_000_000, (Side.Ask, 101m, 8m)));              // cancel 2
        e.OnTrade(t.Trade(Side.Bid, 101m, 1m, t0 + 150_000_000));
        FeatureVector v = e.OnBookUpdate(t.Book, t.DeltaAt(t0 + 200_000_000, (Side.Ask, 101m, 7m))); // execute 1
        Assert.Equal(1 / 0.1, v[N.AskCancelRate], 1e-9);
        Assert.Equal(1 / 0.1, v[N.AskExecutionRate], 1e-9);
        Assert.Equal(0, v[N.BidExecutionRate]);
    }
}
