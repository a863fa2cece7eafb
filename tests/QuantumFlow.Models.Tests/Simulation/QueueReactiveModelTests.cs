using QuantumFlow.Models.Market;
using QuantumFlow.Models.Simulation;
using QuantumFlow.Models.Venues;
using Xunit.Abstractions;

namespace QuantumFlow.Models.Tests.Simulation;

public class QueueReactiveModelTests(ITestOutputHelper output)
{
    private static readonly string[] Symbols = ["SIM-A", "SIM-B", "SIM-C"];

    private static List<MarketEvent> Run(long seed, int steps)
    {
        var market = new SimulatedMarket(Symbols, seed);
        var events = new List<MarketEvent>();
        market.Snapshots(events);
        for (int i = 0; i < steps; i++) market.Next(events);
        return events;
    }

    [Fact]
    public void The_same_seed_gives_the_same_events_and_another_seed_does_not()
    {
        List<MarketEvent> a = Run(42, 20_000), b = Run(42, 20_000), c = Run(43, 20_000);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++) Assert.True(Same(a[i], b[i]), $"event {i} differs: {a[i]} vs {b[i]}");
        Assert.Contains(Enumerable.Range(0, Math.Min(a.Count, c.Count)), i => !Same(a[i], c[i]));
    }

    private static bool Same(MarketEvent x, MarketEvent y) => (x, y) switch
    {
        (BookDelta p, BookDelta q) => p with { Levels = [] } == q with { Levels = [] } && p.Levels.SequenceEqual(q.Levels),
        (BookSnapshot p, BookSnapshot q) => p with { Levels = [] } == q with { Levels = [] } && p.Levels.SequenceEqual(q.Levels),
        _ => x == y,
    };

    [Fact]
    public void Books_rebuilt_from_the_events_are_never_crossed_stay_on_the_grid_and_equal_the_model()
    {
        var market = new SimulatedMarket(Symbols, 7);
        var events = new List<MarketEvent>();
        market.Snapshots(events);
        var replicas = Symbols.ToDictionary(s => s, s => new BookReplica(Venue.Simulated, s));
        long tick = market.Books[0].Parameters.TickSize.Raw;
        int trades = 0, moves = 0;
        Price lastBid = default;
        for (int step = 0; step < 200_000; step++)
        {
            foreach (MarketEvent e in events)
            {
                SyncResult r = replicas[e.Symbol].Apply(e);
                if (e is Trade t) { trades++; Assert.Equal(0, t.Price.Raw % tick); continue; }
                Assert.True(r.ChangedBook(), $"step {step}: {e} gave {r}");
                var book = replicas[e.Symbol].Book;
                Assert.True(book.IsValid, $"step {step}: {book}");
                Assert.Equal(tick, book.BestAsk.Raw - book.BestBid.Raw);
                if (e is BookDelta d) Assert.All(d.Levels, l => Assert.Equal(0, l.Price.Raw % tick));
            }
            if (replicas["SIM-A"].Book.BestBid != lastBid) { moves++; lastBid = replicas["SIM-A"].Book.BestBid; }
            events.Clear();
            market.Next(events);
        }
        Assert.True(trades > 1000, $"{trades} trades");
        Assert.True(moves > 500, $"{moves} price moves");
        foreach (QueueReactiveBook model in market.Books)
        {
            var book = replicas[model.Symbol].Book;
            Assert.Equal(model.BestBid, book.BestBid);
            Assert.Equal(model.BestAsk, book.BestAsk);
            Assert.Equal(model.BestBidQuantity, book.Bids.BestQuantity);
            Assert.Equal(model.BestAskQuantity, book.Asks.BestQuantity);
            Assert.Equal(model.Parameters.Levels, book.Bids.Count);
            Assert.Equal(model.Parameters.Levels, book.Asks.Count);
        }
    }

    /// <summary>
    /// Order-flow imbalance (Cont, Kukanov and Stoikov 2014) summed over a block of events, against the mid move over
    /// the next block; and the best-queue imbalance against the direction of the next mid move.
    /// </summary>
    [Fact]
    public void Order_flow_imbalance_now_predicts_the_next_mid_move()
    {
        var book = new QueueReactiveBook("SIM", 2024);
        var events = new List<MarketEvent>();
        const int block = 40, blocks = 10_000;
        var ofi = new double[blocks];
        var mids = new double[blocks + 1];
        double prevBid = book.BestBid.ToDouble(), prevAsk = book.BestAsk.ToDouble();
        double prevBidQ = book.BestBidQuantity.ToDouble(), prevAskQ = book.BestAskQuantity.ToDouble();
        mids[0] = (prevBid + prevAsk) / 2;
        var imbalanceAtMove = new List<(double Imbalance, int Direction)>();
        double imbalance = book.Imbalance;
        for (int k = 0; k < blocks; k++)
        {
            double e = 0;
            for (int n = 0; n < block; n++)
            {
                events.Clear();
                book.Step(events);
                double bid = book.BestBid.ToDouble(), ask = book.BestAsk.ToDouble();
                double bidQ = book.BestBidQuantity.ToDouble(), askQ = book.BestAskQuantity.ToDouble();
                e += (bid >= prevBid ? bidQ : 0) - (bid <= prevBid ? prevBidQ : 0) - (ask <= prevAsk ? askQ : 0) + (ask >= prevAsk ? prevAskQ : 0);
                if (bid != prevBid)
                {
                    // The imbalance seen when the previous move left the book, against the direction of this move.
                    imbalanceAtMove.Add((imbalance, Math.Sign(bid - prevBid)));
                    imbalance = book.Imbalance;
                }
                (prevBid, prevAsk, prevBidQ, prevAskQ) = (bid, ask, bidQ, askQ);
            }
            ofi[k] = e;
            mids[k + 1] = (prevBid + prevAsk) / 2;
        }
        var x = new double[blocks - 1];
        var y = new double[blocks - 1];
        for (int k = 0; k < blocks - 1; k++)
        {
            x[k] = ofi[k];
            y[k] = mids[k + 2] - mids[k + 1];
        }
        double rho = Correlation(x, y);
        double hit = imbalanceAtMove.Count(m => m.Imbalance != 0 && Math.Sign(m.Imbalance) == m.Direction) /
                     (double)imbalanceAtMove.Count(m => m.Imbalance != 0);
        output.WriteLine($"corr(OFI over {block} events, next {block}-event mid move) = {rho:F3}; " +
                         $"sign(imbalance) = direction of next move in {hit:P1} of {imbalanceAtMove.Count} moves");
        Assert.True(rho > 0.15, $"OFI / next move correlation {rho:F3} is not clearly positive");
        Assert.True(hit > 0.54, $"imbalance called the next move in {hit:P1}");
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
