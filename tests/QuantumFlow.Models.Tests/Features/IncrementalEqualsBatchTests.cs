using QuantumFlow.Models.Book;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using N = QuantumFlow.Models.Features.FeatureNames;

namespace QuantumFlow.Models.Tests.Features;

/// <summary>
/// After every event of random sequences, each incremental feature equals a direct recomputation from the book and
/// the recorded history (over the whole window, from scratch).
/// </summary>
public class IncrementalEqualsBatchTests
{
    // Small windows and depths so windows wrap often and the book is often shallower than the mirrored depth.
    private static readonly FeatureOptions Options = new()
    {
        OfiLevels = [1, 2, 5],
        OfiWindows = [3, 7, 40],
        VolumeDepth = 4,
        MicroPriceDepth = 2,
        ConcentrationDepth = 2,
        BarUpdates = 4,
        VolatilityWindows = [2, 5, 30],
        TradeWindowsMs = [3, 20],
    };

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5];

    private static double Depth(OrderBook b, int levels) => (b.Bids.DepthOfLevels(levels).Raw + b.Asks.DepthOfLevels(levels).Raw) / 1e8;

    /// <summary>The CKS formula written directly from its definition over the top L levels of two books.</summary>
    private static double DirectCks(Level[] bidsBefore, Level[] asksBefore, Level[] bidsAfter, Level[] asksAfter, int levels)
    {
        double e = 0;
        for (int i = 0; i < levels; i++)
        {
            double pb = bidsAfter[i].Price.ToDouble(), qb = bidsAfter[i].Quantity.ToDouble();
            double pb0 = bidsBefore[i].Price.ToDouble(), qb0 = bidsBefore[i].Quantity.ToDouble();
            // A missing ask is priced at +infinity (a missing bid at 0): an ask appearing is then a lower ask.
            double pa = asksAfter[i].Quantity.IsZero ? double.PositiveInfinity : asksAfter[i].Price.ToDouble();
            double pa0 = asksBefore[i].Quantity.IsZero ? double.PositiveInfinity : asksBefore[i].Price.ToDouble();
            double qa = asksAfter[i].Quantity.ToDouble(), qa0 = asksBefore[i].Quantity.ToDouble();
            e += (pb >= pb0 ? qb : 0) - (pb <= pb0 ? qb0 : 0) - (pa <= pa0 ? qa : 0) + (pa >= pa0 ? qa0 : 0);
        }
        return e;
    }

    private static double DirectSeedOfi(Level[] bidsBefore, Level[] asksBefore, Level[] bidsAfter, Level[] asksAfter, int levels)
    {
        double e = 0;
        for (int i = 0; i < levels; i++)
        {
            e += Math.Max(0, bidsAfter[i].Quantity.ToDouble() - bidsBefore[i].Quantity.ToDouble());
            e -= Math.Max(0, asksAfter[i].Quantity.ToDouble() - asksBefore[i].Quantity.ToDouble());
        }
        return e;
    }

    private static Level[] Top(BookSide side, int n)
    {
        var levels = new Level[n]; // missing levels stay (0, 0)
        side.CopyTop(levels);
        return levels;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Order_flow_and_its_rolling_statistics_equal_a_direct_recomputation(int seed)
    {
        var steps = RandomMarket.Generate(seed, 3_000);
        var engine = new FeatureEngine(Options);
        FeatureSchema s = engine.Schema;
        var seedSeries = Options.OfiLevels.ToDictionary(l => l, _ => new List<double>());
        var cksSeries = Options.OfiLevels.ToDictionary(l => l, _ => new List<double>());
        var depthSeries = Options.OfiLevels.ToDictionary(l => l, _ => new List<double>());
        Level[] bids = [], asks = [];
        int checkedUpdates = 0, deepOnly = 0;
        RandomMarket.Replay(steps, engine, (step, t, v) =>
        {
            if (step.Kind == MessageKind.Trade) return;
            Level[] nb = Top(t.Book.Bids, 5), na = Top(t.Book.Asks, 5);
            if (step.Kind == MessageKind.Delta)
            {
                foreach (int l in Options.OfiLevels)
                {
                    double cks = DirectCks(bids, asks, nb, na, l), ofi = DirectSeedOfi(bids, asks, nb, na, l);
                    Assert.Equal(cks, v[N.CksOfi(l)], 1e-9);
                    Assert.Equal(ofi, v[N.Ofi(l)], 1e-9);
                    cksSeries[l].Add(cks);
                    seedSeries[l].Add(ofi);
                    depthSeries[l].Add(Depth(t.Book, l));
                }
                if (nb.SequenceEqual(bids) && na.SequenceEqual(asks)) deepOnly++;
                checkedUpdates++;
            }
            bids = nb;
            asks = na;
            foreach (int l in Options.OfiLevels)
            {
                foreach (int w in Options.OfiWindows)
                {
                    double[] x = [.. seedSeries[l].TakeLast(w)];
                    double mean = x.Length == 0 ? 0 : x.Average();
                    double std = x.Length == 0 ? 0 : Math.Sqrt(x.Select(a => (a - mean) * (a - mean)).Average());
                    Assert.Equal(x.Sum(), v[N.OfiSum(l, w)], 1e-9);
                    Assert.Equal(mean, v[N.OfiMean(l, w)], 1e-9);
                    Assert.Equal(std, v[N.OfiStd(l, w)], 1e-9);
                    double[] e = [.. cksSeries[l].TakeLast(w)];
                    double[] d = [.. depthSeries[l].TakeLast(w)];
                    Assert.Equal(e.Sum(), v[N.CksOfiSum(l, w)], 1e-9);
                    double avgDepth = d.Length == 0 ? 0 : d.Average() / (2 * l);
                    double norm = avgDepth > 0 ? e.Sum() / avgDepth : 0;
                    Assert.Equal(norm, v[N.CksOfiNorm(l, w)], 1e-9);
                }
            }
        });
        Assert.True(checkedUpdates > 2_000);
        Assert.True(deepOnly > 50, $"only {deepOnly} updates left the top levels unchanged: the deep-update path is not exercised");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Volume_profile_equals_the_book_read_directly(int seed)
    {
        var engine = new FeatureEngine(Options);
        int oneSided = 0;
        RandomMarket.Replay(RandomMarket.Generate(seed, 2_000), engine, (step, t, v) =>
        {
            OrderBook b = t.Book;
            double bid = b.Bids.DepthOfLevels(4).ToDouble(), ask = b.Asks.DepthOfLevels(4).ToDouble();
            Assert.Equal(bid, v[N.TotalBidVolume], 1e-9);
            Assert.Equal(ask, v[N.TotalAskVolume], 1e-9);
            Assert.Equal(bid + ask > 0 ? (bid - ask) / (bid + ask) : 0, v[N.VolumeImbalanceRatio], 1e-12);
            Assert.Equal(ask > 0 ? bid / ask : 0, v[N.DepthImbalance], 1e-9);
            Assert.Equal(bid > 0 ? b.Bids.DepthOfLevels(2).ToDouble() / bid : 0, v[N.LiquidityConcentrationBid], 1e-12);
            Assert.Equal(b.SpreadBps, v[N.SpreadBps], 1e-9);
            Assert.Equal((double)b.Mid, v[N.MidPrice], 1e-9);
            if (b.Bids.IsEmpty || b.Asks.IsEmpty) oneSided++;
        });
        Assert.True(oneSided > 0, "no one-sided book was generated");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Volatility_equals_estimators_recomputed_from_the_trailing_closed_bars(int seed)
    {
        var engine = new FeatureEngine(Options);
        var mids = new List<double>();
        int closes = 0;
        RandomMarket.Replay(RandomMarket.Generate(seed, 3_000), engine, (step, t, v) =>
        {
            if (step.Kind != MessageKind.Trade && v[N.BookValid] == 1) mids.Add(v[N.MidPrice]);
            // Closed bars only: every 4 valid mids, from the start; the partial bar is not used.
            var bars = mids.Chunk(4).Where(c => c.Length == 4).Select(c => (O: c[0], H: c.Max(), L: c.Min(), C: c[^1])).ToList();
            if (bars.Count >= 2 && mids.Count % 4 == 0) closes++;
            foreach (int w in Options.VolatilityWindows)
            {
                var used = Enumerable.Range(1, bars.Count - 1 < 0 ? 0 : bars.Count - 1).TakeLast(w).ToList();
                double[] r = [.. used.Select(j => Math.Log(bars[j].C / bars[j - 1].C))];
                double[] hl2 = [.. used.Select(j => Math.Pow(Math.Log(bars[j].H / bars[j].L), 2))];
                double[] rs = [.. used.Select(j => Math.Log(bars[j].H / bars[j].C) * Math.Log(bars[j].H / bars[j].O) + Math.Log(bars[j].L / bars[j].C) * Math.Log(bars[j].L / bars[j].O))];
                double[] gk = [.. used.Select(j => 0.5 * Math.Pow(Math.Log(bars[j].H / bars[j].L), 2) - (2 * Math.Log(2) - 1) * Math.Pow(Math.Log(bars[j].C / bars[j].O), 2))];
                double[] o = [.. used.Select(j => Math.Log(bars[j].O / bars[j - 1].C))];
                double[] co = [.. used.Select(j => Math.Log(bars[j].C / bars[j].O))];
                double[] bp = [.. Enumerable.Range(2, Math.Max(0, bars.Count - 2)).TakeLast(w).Select(j => Math.Abs(Math.Log(bars[j].C / bars[j - 1].C)) * Math.Abs(Math.Log(bars[j - 1].C / bars[j - 2].C)))];
                int m = used.Count;
                double rv = m >= 2 ? Math.Sqrt(SampleVar(r)) : 0;
                double pk = m >= 1 ? Math.Sqrt(hl2.Average() / (4 * Math.Log(2))) : 0;
                double rsv = m >= 1 ? rs.Average() : 0;
                double k = m >= 2 ? 0.34 / (1.34 + (m + 1.0) / (m - 1.0)) : 0;
                double yz = m >= 2 ? Math.Sqrt(SampleVar(o) + k * SampleVar(co) + (1 - k) * rsv) : 0;
                double bpv = bp.Length >= 1 ? Math.Sqrt(Math.PI / 2 * bp.Average()) : 0;
                AssertVolatility(rv, v[N.RealizedVolatility(w)], N.RealizedVolatility(w));
                AssertVolatility(pk, v[N.ParkinsonVolatility(w)], N.ParkinsonVolatility(w));
                AssertVolatility(m >= 1 ? Math.Sqrt(gk.Average()) : 0, v[N.GarmanKlassVolatility(w)], N.GarmanKlassVolatility(w));
                AssertVolatility(Math.Sqrt(rsv), v[N.RogersSatchellVolatility(w)], N.RogersSatchellVolatility(w));
                AssertVolatility(yz, v[N.YangZhangVolatility(w)], N.YangZhangVolatility(w));
                AssertVolatility(bpv, v[N.BipowerVolatility(w)], N.BipowerVolatility(w));
            }
        });
        Assert.True(closes > 100);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Trade_flow_equals_a_recount_of_the_trailing_window(int seed)
    {
        var engine = new FeatureEngine(Options);
        var trades = new List<(long T, double Signed)>();
        int nonEmpty = 0;
        RandomMarket.Replay(RandomMarket.Generate(seed, 3_000), engine, (step, t, v) =>
        {
            if (step.Kind == MessageKind.Trade) trades.Add((v.TimeNs, step.Aggressor == Side.Bid ? (double)step.Qty : -(double)step.Qty));
            foreach (int ms in Options.TradeWindowsMs)
            {
                var inWindow = trades.Where(x => x.T > v.TimeNs - ms * 1_000_000L).ToList();
                double buy = inWindow.Where(x => x.Signed > 0).Sum(x => x.Signed), sell = -inWindow.Where(x => x.Signed < 0).Sum(x => x.Signed);
                Assert.Equal(buy + sell > 0 ? (buy - sell) / (buy + sell) : 0, v[N.TradeVolumeImbalance(ms)], 1e-12);
                Assert.Equal(buy - sell, v[N.SignedTradeVolume(ms)], 1e-9);
                Assert.Equal(inWindow.Count / (ms / 1000.0), v[N.TradeIntensity(ms)], 1e-9);
                if (inWindow.Count > 1) nonEmpty++;
            }
        });
        Assert.True(nonEmpty > 100);
    }

    /// <summary>
    /// Compared as variances: running sums leave rounding of about 1e-16 of the largest value that passed through the
    /// window, which a square root near zero would magnify into ~1e-12 of volatility, meaningless but not exact.
    /// </summary>
    private static void AssertVolatility(double expected, double actual, string name)
    {
        double e2 = expected * expected, a2 = actual * actual;
        Assert.True(Math.Abs(e2 - a2) <= 1e-20 + 1e-9 * e2, $"{name}: expected {expected}, got {actual}");
    }

    private static double SampleVar(double[] x)
    {
        double m = x.Average();
        return x.Sum(a => (a - m) * (a - m)) / (x.Length - 1);
    }
}
