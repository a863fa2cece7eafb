using System.Collections.Immutable;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Tests.Backtest;

/// <summary>
/// Random but valid replay steps for property tests: a Binance spot book of five levels a side that random-walks by a
/// tick, trades at the touch, exchange times strictly increasing, random feed latencies (so steps, in receive order,
/// can carry exchange times out of order), and random predictions on about half the book updates.
/// </summary>
internal static class SyntheticMarket
{
    public const string Symbol = "SYN";
    private const long Tick = 1_000_000; // 0.01

    public static List<ReplayStep> Generate(int seed, int events, double predictionRate = 0.5, long maxFeedLatencyNs = 30_000_000)
    {
        var rng = new Random(seed);
        var raw = new List<(long Exchange, long Receive, int Kind, long BidTop, long AskTop, long[] Sizes, Side Aggressor, long TradeQty)>();
        long t = 1_700_000_000_000_000_000;
        long bidTop = 10_000; // in ticks: 100.00
        long askTop = bidTop + 1;
        for (int i = 0; i < events; i++)
        {
            t += rng.NextInt64(1, 50) * 1_000_000;
            long receive = t + rng.NextInt64(0, maxFeedLatencyNs + 1);
            if (i == 0 || rng.NextDouble() < 0.7)
            {
                bidTop = Math.Max(100, bidTop + rng.Next(-1, 2));
                askTop = bidTop + 1 + rng.Next(0, 2);
                long[] sizes = [.. Enumerable.Range(0, 10).Select(_ => rng.NextInt64(1, 50) * 10_000_000)];
                raw.Add((t, receive, i == 0 ? 0 : 1, bidTop, askTop, sizes, Side.Bid, 0));
            }
            else
            {
                raw.Add((t, receive, 2, bidTop, askTop, [], rng.Next(2) == 0 ? Side.Bid : Side.Ask, rng.NextInt64(1, 30) * 10_000_000));
            }
        }
        // The snapshot stays first (a feed fetches it before anything is applied); the rest in receive order.
        var ordered = raw.Take(1).Concat(raw.Skip(1).OrderBy(r => r.Receive)).ToList();
        var steps = new List<ReplayStep>(ordered.Count);
        long updateId = 100, seq = 0, lastBid = -1, lastAsk = -1;
        foreach (var r in ordered)
        {
            MarketEvent e;
            if (r.Kind == 2)
            {
                long price = r.Aggressor == Side.Bid ? lastAsk : lastBid;
                e = new Trade(Venue.BinanceSpot, Symbol, r.Exchange, r.Receive, ++seq, new Price(price * Tick), new Quantity(r.TradeQty), r.Aggressor);
            }
            else
            {
                var levels = new List<LevelUpdate>();
                if (r.Kind == 1)
                {
                    for (int k = 0; k < 5; k++)
                    {
                        levels.Add(new LevelUpdate(Side.Bid, new Price((lastBid - k) * Tick), Quantity.Zero));
                        levels.Add(new LevelUpdate(Side.Ask, new Price((lastAsk + k) * Tick), Quantity.Zero));
                    }
                }
                for (int k = 0; k < 5; k++)
                {
                    levels.Add(new LevelUpdate(Side.Bid, new Price((r.BidTop - k) * Tick), new Quantity(r.Sizes[k])));
                    levels.Add(new LevelUpdate(Side.Ask, new Price((r.AskTop + k) * Tick), new Quantity(r.Sizes[5 + k])));
                }
                e = r.Kind == 0
                    ? new BookSnapshot(Venue.BinanceSpot, Symbol, r.Exchange, r.Receive, updateId, [.. levels])
                    : new BookDelta(Venue.BinanceSpot, Symbol, r.Exchange, r.Receive, updateId + 1, updateId + 1, MarketMessage.NoId, [.. levels]);
                if (r.Kind == 1) updateId++;
                lastBid = r.BidTop;
                lastAsk = r.AskTop;
            }
            CompletedPrediction? p = null;
            if (r.Kind == 1 && rng.NextDouble() < predictionRate)
            {
                ClassProbabilities probs = ClassProbabilities.Normalized(rng.NextDouble(), rng.NextDouble(), rng.NextDouble());
                p = new CompletedPrediction(updateId, r.Exchange, r.Receive, [probs], [1.0], probs);
            }
            steps.Add(new ReplayStep(e, p));
        }
        return steps;
    }
}
