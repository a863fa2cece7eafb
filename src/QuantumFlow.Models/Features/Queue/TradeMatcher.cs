using QuantumFlow.Models.Market;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.Queue;

/// <summary>
/// Traded size per resting side and price, not yet matched to a decrease of the book, so a level-1 decrease can be
/// split into execution (up to the traded size at that price) and cancellation (the rest). On Binance the trade
/// stream runs ahead of the 0 ms diff stream, so the trades that a diff reflects have arrived before it. A few prices
/// per side are kept because a sweep prints at several levels before the diff removes them.
/// </summary>
internal sealed class TradeMatcher
{
    private const int Slots = 4;

    private readonly long[] _prices = new long[2 * Slots];
    private readonly long[] _sizes = new long[2 * Slots];
    private readonly int[] _next = new int[2];

    /// <summary>A trade: the side it rested on is the opposite of the aggressor.</summary>
    public void OnTrade(Side aggressor, Price price, Quantity size)
    {
        int side = aggressor == Side.Bid ? (int)Side.Ask : (int)Side.Bid;
        int o = side * Slots;
        for (int k = 0; k < Slots; k++)
        {
            if (_sizes[o + k] > 0 && _prices[o + k] == price.Raw)
            {
                _sizes[o + k] += size.Raw;
                return;
            }
        }
        int slot = o + _next[side];
        _next[side] = (_next[side] + 1) % Slots; // the oldest unmatched price gives way
        _prices[slot] = price.Raw;
        _sizes[slot] = size.Raw;
    }

    /// <summary>Takes up to <paramref name="size"/> of traded size at <paramref name="price"/> on <paramref name="side"/>; returns what was matched.</summary>
    public long Match(Side side, long price, long size)
    {
        int o = (int)side * Slots;
        for (int k = 0; k < Slots; k++)
        {
            if (_sizes[o + k] > 0 && _prices[o + k] == price)
            {
                long m = Math.Min(size, _sizes[o + k]);
                _sizes[o + k] -= m;
                return m;
            }
        }
        return 0;
    }

    /// <summary>Drops traded size at prices better than the side's best: those levels are gone and cannot shrink again.</summary>
    public void Expire(Side side, long bestPrice, bool sideEmpty)
    {
        int o = (int)side * Slots;
        for (int k = 0; k < Slots; k++)
        {
            if (_sizes[o + k] == 0) continue;
            long p = _prices[o + k];
            bool gone = sideEmpty || (side == Side.Bid ? p > bestPrice : p < bestPrice);
            if (gone) _sizes[o + k] = 0;
        }
    }

    public void Save(StateWriter w)
    {
        w.Write(_prices);
        w.Write(_sizes);
        w.Write(_next);
    }

    public void Load(StateReader r)
    {
        r.ReadInto(_prices);
        r.ReadInto(_sizes);
        r.ReadInto(_next);
    }

    public void Clear()
    {
        Array.Clear(_sizes);
        Array.Clear(_next);
    }
}
