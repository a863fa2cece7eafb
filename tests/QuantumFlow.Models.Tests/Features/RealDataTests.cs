using QuantumFlow.Models.Book;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using N = QuantumFlow.Models.Features.FeatureNames;

namespace QuantumFlow.Models.Tests.Features;

/// <summary>The engine on a real Binance USD-M BTCUSDT session (snapshot, 3,326 diffs, 974 trades).</summary>
public class RealDataTests
{
    [Fact]
    public void Every_feature_is_finite_on_every_update_and_matches_the_book()
    {
        var engine = new FeatureEngine();
        int books = 0, trades = 0, nonZeroCks = 0, executions = 0;
        Level[] prevBids = new Level[10], prevAsks = new Level[10];
        var sync = BinanceRecording.Replay(BinanceRecording.UsdmBtc20240718,
            (s, m) =>
            {
                FeatureVector v = engine.OnBookUpdate(s.Book, m);
                AssertFinite(v);
                OrderBook b = s.Book;
                Assert.Equal((double)b.Mid, v[N.MidPrice], 1e-6);
                Assert.Equal(b.SpreadBps, v[N.SpreadBps], 1e-9);
                Assert.Equal(b.Bids.DepthOfLevels(20).ToDouble(), v[N.TotalBidVolume], 1e-9);
                Assert.Equal(1, v[N.BookValid]);

                // CKS OFI over levels 1..10, straight from its definition on the book before and after.
                var bids = new Level[10];
                var asks = new Level[10];
                b.Bids.CopyTop(bids);
                b.Asks.CopyTop(asks);
                if (m.Kind == MessageKind.Delta)
                {
                    double e = 0;
                    for (int i = 0; i < 10; i++)
                    {
                        double pb = bids[i].Price.ToDouble(), pb0 = prevBids[i].Price.ToDouble();
                        double pa = asks[i].Price.ToDouble(), pa0 = prevAsks[i].Price.ToDouble();
                        e += (pb >= pb0 ? bids[i].Quantity.ToDouble() : 0) - (pb <= pb0 ? prevBids[i].Quantity.ToDouble() : 0)
                           - (pa <= pa0 ? asks[i].Quantity.ToDouble() : 0) + (pa >= pa0 ? prevAsks[i].Quantity.ToDouble() : 0);
                    }
                    Assert.Equal(e, v[N.CksOfi(10)], 1e-6);
                    if (e != 0) nonZeroCks++;
                }
                prevBids = bids;
                prevAsks = asks;
                if (v[N.TotalExecutionRatio] > 0) executions++;
                books++;
            },
            m =>
            {
                AssertFinite(engine.OnTrade(m));
                trades++;
            });

        Assert.Equal(0, sync.Resyncs);
        Assert.True(books > 3_000, $"{books} book updates");
        Assert.Equal(974, trades);
        Assert.True(nonZeroCks > books / 2, $"CKS OFI non-zero on only {nonZeroCks} of {books} updates");
        Assert.True(executions > 0, "no level-1 decrease was matched to a trade");
        Assert.Equal(books, engine.Vector.BookUpdates);
        Assert.Equal(100, engine.Vector[N.VolatilityBars]); // 166 bars closed; the count is capped at the longest window
        Assert.True(engine.Vector[N.RealizedVolatility(20)] > 0);
        Assert.True(engine.Vector[N.YangZhangVolatility(100)] > 0);
    }

    private static void AssertFinite(FeatureVector v)
    {
        for (int i = 0; i < v.Count; i++)
            if (!double.IsFinite(v[i])) Assert.Fail($"{v.Schema.Names[i]} = {v[i]} at sequence {v.Sequence}");
    }
}
