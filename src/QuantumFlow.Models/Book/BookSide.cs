using System.Runtime.CompilerServices;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Book;

/// <summary>
/// One side of an L2 book as a sorted array with the best level at the end. Asks are stored with negated prices, so
/// both sides sort ascending by "worse to better" and share one code path. Lookup is a binary search (O(log n));
/// inserting or removing shifts only the levels between the touched one and the top of book, which on real feeds is a
/// handful, because nearly all activity is near the touch. Nothing is allocated once the arrays have grown.
/// </summary>
public sealed class BookSide
{
    private long[] _keys;
    private long[] _sizes;
    private int _count;

    public BookSide(Side side, int capacity = 1024)
    {
        Side = side;
        _keys = new long[capacity];
        _sizes = new long[capacity];
    }

    public Side Side { get; }
    public int Count => _count;
    public bool IsEmpty => _count == 0;

    /// <summary>The level at <paramref name="depth"/> (0 = best).</summary>
    public Level this[int depth]
    {
        get
        {
            if ((uint)depth >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(depth));
            int i = _count - 1 - depth;
            return new Level(new Price(ToPrice(_keys[i])), new Quantity(_sizes[i]));
        }
    }

    public Price BestPrice => _count == 0 ? Price.Zero : new Price(ToPrice(_keys[_count - 1]));
    public Quantity BestQuantity => _count == 0 ? Quantity.Zero : new Quantity(_sizes[_count - 1]);

    /// <summary>Sets a level to an absolute size; zero removes it (removing an absent level is normal and a no-op).</summary>
    public void Set(Price price, Quantity quantity)
    {
        long key = ToKey(price.Raw);
        int i = Search(key);
        if (i >= 0)
        {
            if (quantity.Raw == 0)
            {
                int tail = _count - i - 1;
                if (tail > 0)
                {
                    Array.Copy(_keys, i + 1, _keys, i, tail);
                    Array.Copy(_sizes, i + 1, _sizes, i, tail);
                }
                _count--;
            }
            else
            {
                _sizes[i] = quantity.Raw;
            }
            return;
        }
        if (quantity.Raw == 0) return;
        i = ~i;
        if (_count == _keys.Length) Grow();
        int move = _count - i;
        if (move > 0)
        {
            Array.Copy(_keys, i, _keys, i + 1, move);
            Array.Copy(_sizes, i, _sizes, i + 1, move);
        }
        _keys[i] = key;
        _sizes[i] = quantity.Raw;
        _count++;
    }

    /// <summary>The size resting at exactly <paramref name="price"/>, zero when there is no such level.</summary>
    public Quantity QuantityAt(Price price)
    {
        int i = Search(ToKey(price.Raw));
        return i >= 0 ? new Quantity(_sizes[i]) : Quantity.Zero;
    }

    /// <summary>Zero-based depth of the level at <paramref name="price"/> (0 = best), or -1 when absent.</summary>
    public int DepthOf(Price price)
    {
        int i = Search(ToKey(price.Raw));
        return i >= 0 ? _count - 1 - i : -1;
    }

    /// <summary>Total size at prices as good as or better than <paramref name="limit"/>.</summary>
    public Quantity DepthTo(Price limit)
    {
        long key = ToKey(limit.Raw);
        long total = 0;
        for (int i = _count - 1; i >= 0 && _keys[i] >= key; i--) total += _sizes[i];
        return new Quantity(total);
    }

    /// <summary>Total size in the best <paramref name="levels"/> levels.</summary>
    public Quantity DepthOfLevels(int levels)
    {
        long total = 0;
        int stop = Math.Max(0, _count - levels);
        for (int i = _count - 1; i >= stop; i--) total += _sizes[i];
        return new Quantity(total);
    }

    /// <summary>
    /// The worst price reached when taking <paramref name="size"/> from this side, walking levels from the best.
    /// False when the side does not hold that much.
    /// </summary>
    public bool TryPriceForSize(Quantity size, out Price worst, out Quantity filled)
    {
        long remaining = size.Raw;
        long got = 0;
        worst = Price.Zero;
        for (int i = _count - 1; i >= 0 && remaining > 0; i--)
        {
            long take = Math.Min(remaining, _sizes[i]);
            remaining -= take;
            got += take;
            worst = new Price(ToPrice(_keys[i]));
        }
        filled = new Quantity(got);
        return remaining == 0;
    }

    /// <summary>Copies the best levels into <paramref name="destination"/>; returns how many were written.</summary>
    public int CopyTop(Span<Level> destination)
    {
        int n = Math.Min(destination.Length, _count);
        for (int d = 0; d < n; d++)
        {
            int i = _count - 1 - d;
            destination[d] = new Level(new Price(ToPrice(_keys[i])), new Quantity(_sizes[i]));
        }
        return n;
    }

    public void Clear() => _count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ToKey(long price) => Side == Side.Bid ? price : -price;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ToPrice(long key) => Side == Side.Bid ? key : -key;

    private int Search(long key)
    {
        // Most updates touch the top of book: check the last slots before a full binary search.
        int n = _count;
        if (n == 0) return ~0;
        long top = _keys[n - 1];
        if (key == top) return n - 1;
        if (key > top) return ~n;
        return Array.BinarySearch(_keys, 0, n - 1, key);
    }

    private void Grow()
    {
        Array.Resize(ref _keys, _keys.Length * 2);
        Array.Resize(ref _sizes, _sizes.Length * 2);
    }
}
