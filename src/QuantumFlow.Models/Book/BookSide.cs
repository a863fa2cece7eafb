using System.Runtime.CompilerServices;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Book;

/// <summary>
/// One side of an L2 book, ordered by price, best level last. Levels live in sorted blocks of at most
/// <see cref="BlockCapacity"/> (a B+tree of depth two): finding a level is a binary search over the blocks' last keys
/// and then inside one block (O(log n)); inserting or removing shifts at most one block. Real feeds touch far levels
/// all the time (Binance futures diffs carry levels thousands of ticks away), which is what made one flat sorted
/// array slow. Asks are stored with negated prices so both sides sort "worse to better" and share one code path.
/// Nothing is allocated per update once the side has grown.
/// </summary>
public sealed class BookSide
{
    public const int BlockCapacity = 64;

    private Block[] _blocks = new Block[16];
    private long[] _lastKeys = new long[16];
    private int _blockCount;
    private readonly Stack<Block> _spare = new();

    public BookSide(Side side)
    {
        Side = side;
        _blocks[0] = new Block();
        _lastKeys[0] = long.MinValue;
        _blockCount = 1;
    }

    public Side Side { get; }
    public int Count { get; private set; }
    public bool IsEmpty => Count == 0;

    /// <summary>The level at <paramref name="depth"/> (0 = best).</summary>
    public Level this[int depth]
    {
        get
        {
            if ((uint)depth >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(depth));
            for (int b = _blockCount - 1; ; b--)
            {
                Block block = _blocks[b];
                if (depth < block.Count)
                {
                    int i = block.Count - 1 - depth;
                    return new Level(new Price(ToPrice(block.Keys[i])), new Quantity(block.Sizes[i]));
                }
                depth -= block.Count;
            }
        }
    }

    public Price BestPrice
    {
        get
        {
            if (Count == 0) return Price.Zero;
            Block top = _blocks[_blockCount - 1];
            return new Price(ToPrice(top.Keys[top.Count - 1]));
        }
    }

    public Quantity BestQuantity
    {
        get
        {
            if (Count == 0) return Quantity.Zero;
            Block top = _blocks[_blockCount - 1];
            return new Quantity(top.Sizes[top.Count - 1]);
        }
    }

    /// <summary>Sets a level to an absolute size; zero removes it (removing an absent level is normal and a no-op).</summary>
    public void Set(Price price, Quantity quantity)
    {
        long key = ToKey(price.Raw);
        int b = FindBlock(key);
        Block block = _blocks[b];
        int i = block.Search(key);
        if (i >= 0)
        {
            if (quantity.Raw != 0)
            {
                block.Sizes[i] = quantity.Raw;
                return;
            }
            block.RemoveAt(i);
            Count--;
            if (block.Count == 0) RemoveBlock(b);
            else if (i == block.Count) _lastKeys[b] = block.Keys[block.Count - 1];
            return;
        }
        if (quantity.Raw == 0) return;
        i = ~i;
        if (block.Count == BlockCapacity)
        {
            Split(b);
            if (i > BlockCapacity / 2)
            {
                b++;
                i -= BlockCapacity / 2;
            }
            block = _blocks[b];
        }
        block.InsertAt(i, key, quantity.Raw);
        Count++;
        if (i == block.Count - 1) _lastKeys[b] = key;
    }

    /// <summary>The size resting at exactly <paramref name="price"/>, zero when there is no such level.</summary>
    public Quantity QuantityAt(Price price)
    {
        long key = ToKey(price.Raw);
        Block block = _blocks[FindBlock(key)];
        int i = block.Search(key);
        return i >= 0 ? new Quantity(block.Sizes[i]) : Quantity.Zero;
    }

    /// <summary>Zero-based depth of the level at <paramref name="price"/> (0 = best), or -1 when absent.</summary>
    public int DepthOf(Price price)
    {
        long key = ToKey(price.Raw);
        int b = FindBlock(key);
        int i = _blocks[b].Search(key);
        if (i < 0) return -1;
        int depth = _blocks[b].Count - 1 - i;
        for (int k = b + 1; k < _blockCount; k++) depth += _blocks[k].Count;
        return depth;
    }

    /// <summary>Total size at prices as good as or better than <paramref name="limit"/>.</summary>
    public Quantity DepthTo(Price limit)
    {
        long key = ToKey(limit.Raw);
        long total = 0;
        for (int b = _blockCount - 1; b >= 0; b--)
        {
            Block block = _blocks[b];
            for (int i = block.Count - 1; i >= 0; i--)
            {
                if (block.Keys[i] < key) return new Quantity(total);
                total += block.Sizes[i];
            }
        }
        return new Quantity(total);
    }

    /// <summary>Total size in the best <paramref name="levels"/> levels.</summary>
    public Quantity DepthOfLevels(int levels)
    {
        long total = 0;
        for (int b = _blockCount - 1; b >= 0 && levels > 0; b--)
        {
            Block block = _blocks[b];
            for (int i = block.Count - 1; i >= 0 && levels > 0; i--, levels--) total += block.Sizes[i];
        }
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
        for (int b = _blockCount - 1; b >= 0 && remaining > 0; b--)
        {
            Block block = _blocks[b];
            for (int i = block.Count - 1; i >= 0 && remaining > 0; i--)
            {
                long take = Math.Min(remaining, block.Sizes[i]);
                remaining -= take;
                got += take;
                worst = new Price(ToPrice(block.Keys[i]));
            }
        }
        filled = new Quantity(got);
        return remaining == 0;
    }

    /// <summary>Copies the best levels into <paramref name="destination"/>; returns how many were written.</summary>
    public int CopyTop(Span<Level> destination)
    {
        int n = 0;
        for (int b = _blockCount - 1; b >= 0 && n < destination.Length; b--)
        {
            Block block = _blocks[b];
            for (int i = block.Count - 1; i >= 0 && n < destination.Length; i--)
            {
                destination[n++] = new Level(new Price(ToPrice(block.Keys[i])), new Quantity(block.Sizes[i]));
            }
        }
        return n;
    }

    public void Clear()
    {
        for (int b = 1; b < _blockCount; b++)
        {
            _blocks[b].Count = 0;
            _spare.Push(_blocks[b]);
            _blocks[b] = null!;
        }
        _blocks[0].Count = 0;
        _lastKeys[0] = long.MinValue;
        _blockCount = 1;
        Count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ToKey(long price) => Side == Side.Bid ? price : -price;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ToPrice(long key) => Side == Side.Bid ? key : -key;

    /// <summary>The block whose range holds <paramref name="key"/>: the first with a last key at or above it, else the top block.</summary>
    private int FindBlock(long key)
    {
        int top = _blockCount - 1;
        // Most activity is at the touch, which lives in the top block.
        if (top == 0 || key > _lastKeys[top - 1]) return top;
        int lo = 0, hi = top - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (_lastKeys[mid] >= key) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    private void Split(int b)
    {
        if (_blockCount == _blocks.Length)
        {
            Array.Resize(ref _blocks, _blocks.Length * 2);
            Array.Resize(ref _lastKeys, _lastKeys.Length * 2);
        }
        Block left = _blocks[b];
        Block right = _spare.Count > 0 ? _spare.Pop() : new Block();
        const int half = BlockCapacity / 2;
        Array.Copy(left.Keys, half, right.Keys, 0, BlockCapacity - half);
        Array.Copy(left.Sizes, half, right.Sizes, 0, BlockCapacity - half);
        right.Count = BlockCapacity - half;
        left.Count = half;
        Array.Copy(_blocks, b + 1, _blocks, b + 2, _blockCount - b - 1);
        Array.Copy(_lastKeys, b + 1, _lastKeys, b + 2, _blockCount - b - 1);
        _blocks[b + 1] = right;
        _lastKeys[b + 1] = right.Keys[right.Count - 1];
        _lastKeys[b] = left.Keys[half - 1];
        _blockCount++;
    }

    private void RemoveBlock(int b)
    {
        if (_blockCount == 1)
        {
            _lastKeys[0] = long.MinValue;
            return;
        }
        _spare.Push(_blocks[b]);
        Array.Copy(_blocks, b + 1, _blocks, b, _blockCount - b - 1);
        Array.Copy(_lastKeys, b + 1, _lastKeys, b, _blockCount - b - 1);
        _blockCount--;
        _blocks[_blockCount] = null!;
    }

    private sealed class Block
    {
        public readonly long[] Keys = new long[BlockCapacity];
        public readonly long[] Sizes = new long[BlockCapacity];
        public int Count;

        public int Search(long key)
        {
            int n = Count;
            if (n > 0 && Keys[n - 1] == key) return n - 1;
            return Array.BinarySearch(Keys, 0, n, key);
        }

        public void InsertAt(int i, long key, long size)
        {
            int move = Count - i;
            if (move > 0)
            {
                Array.Copy(Keys, i, Keys, i + 1, move);
                Array.Copy(Sizes, i, Sizes, i + 1, move);
            }
            Keys[i] = key;
            Sizes[i] = size;
            Count++;
        }

        public void RemoveAt(int i)
        {
            int move = Count - i - 1;
            if (move > 0)
            {
                Array.Copy(Keys, i + 1, Keys, i, move);
                Array.Copy(Sizes, i + 1, Sizes, i, move);
            }
            Count--;
        }
    }
}
