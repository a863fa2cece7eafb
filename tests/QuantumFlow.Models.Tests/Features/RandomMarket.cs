using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Features;

/// <summary>
/// A seeded random stream of book deltas and trades around a wandering center, never crossed: bids below the center
/// tick, asks above; a move of the center removes the level it lands on. It includes deep changes (below any mirrored
/// depth), removals that pull deeper levels up, wipes that leave a side shallow or empty, and bursts at one instant.
/// </summary>
internal sealed class RandomMarket
{
    public sealed record Step(MessageKind Kind, long TimeNs, (Side Side, decimal Price, decimal Qty)[] Levels, Side Aggressor = Side.Bid, decimal Price = 0, decimal Qty = 0);

    private const decimal Tick = 0.1m;

    public static List<Step> Generate(int seed, int count)
    {
        var rng = new Random(seed);
        long t = 1_700_000_000_000_000_000;
        int c = 10_000;
        var steps = new List<Step>(count);
        var snap = new List<(Side, decimal, decimal)>();
        for (int k = 1; k <= 15; k++)
        {
            snap.Add((Side.Bid, (c - k) * Tick, Size(rng)));
            snap.Add((Side.Ask, (c + k) * Tick, Size(rng)));
        }
        steps.Add(new Step(MessageKind.Snapshot, t, [.. snap]));
        while (steps.Count < count)
        {
            t += rng.Next(0, 4) == 0 ? 0 : rng.Next(1, 5_000_000);
            double roll = rng.NextDouble();
            if (roll < 0.25)
            {
                Side aggressor = rng.Next(2) == 0 ? Side.Bid : Side.Ask;
                decimal price = (aggressor == Side.Bid ? c + rng.Next(1, 3) : c - rng.Next(1, 3)) * Tick;
                steps.Add(new Step(MessageKind.Trade, t, [], aggressor, price, Size(rng)));
                continue;
            }
            var levels = new List<(Side, decimal, decimal)>();
            if (roll < 0.33)
            {
                int shift = rng.Next(2) == 0 ? 1 : -1;
                c += shift;
                // The new center must be empty on the side it moved into.
                levels.Add(shift > 0 ? (Side.Ask, c * Tick, 0m) : (Side.Bid, c * Tick, 0m));
            }
            if (roll > 0.985)
            {
                // Wipe most of one side: the book becomes shallow, sometimes empty on that side.
                Side side = rng.Next(2) == 0 ? Side.Bid : Side.Ask;
                int keep = rng.Next(0, 3);
                for (int k = 1 + keep; k <= 80; k++) levels.Add((side, (side == Side.Bid ? c - k : c + k) * Tick, 0m));
            }
            int n = rng.Next(1, 7);
            for (int j = 0; j < n; j++)
            {
                Side side = rng.Next(2) == 0 ? Side.Bid : Side.Ask;
                int offset = rng.Next(0, 5) == 0 ? rng.Next(10, 40) : rng.Next(1, 8);
                decimal price = (side == Side.Bid ? c - offset : c + offset) * Tick;
                decimal qty = rng.Next(0, 10) < 3 ? 0m : Size(rng);
                levels.Add((side, price, qty));
            }
            steps.Add(new Step(MessageKind.Delta, t, [.. levels]));
        }
        return steps;
    }

    /// <summary>Feeds the steps to a fresh book and engine; calls <paramref name="after"/> after each with the engine's vector.</summary>
    public static void Replay(IReadOnlyList<Step> steps, FeatureEngine engine, Action<Step, TestBook, FeatureVector>? after = null)
    {
        var book = new TestBook();
        foreach (Step s in steps)
        {
            FeatureVector v = s.Kind switch
            {
                MessageKind.Snapshot => engine.OnBookUpdate(book.Book, book.Snapshot(
                    s.Levels.Where(l => l.Side == Side.Bid).Select(l => (l.Price, l.Qty)).ToArray(),
                    s.Levels.Where(l => l.Side == Side.Ask).Select(l => (l.Price, l.Qty)).ToArray(), s.TimeNs)),
                MessageKind.Delta => engine.OnBookUpdate(book.Book, book.DeltaAt(s.TimeNs, s.Levels)),
                _ => engine.OnTrade(book.Trade(s.Aggressor, s.Price, s.Qty, s.TimeNs)),
            };
            after?.Invoke(s, book, v);
        }
    }

    private static decimal Size(Random rng) => rng.Next(1, 5_000) / 1000m;
}
