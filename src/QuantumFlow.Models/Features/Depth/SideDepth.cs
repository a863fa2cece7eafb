using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.Depth;

/// <summary>
/// The engine's copy of the top K levels of one book side, before and after the last update that reached them, with
/// the per-side sums every depth feature needs precomputed once per refresh. Keeping our own copy is what makes OFI
/// possible at all (the book is handed over already updated) and lets an update that only touches levels deeper than
/// K cost O(levels touched): nothing here is recomputed for it.
/// </summary>
internal sealed class SideDepth
{
    /// <summary>Key of a missing level: worse than any real one, so an appearing level reads as an improvement.</summary>
    public const long MissingKey = long.MinValue;

    private readonly Side _side;
    private readonly int _depth;
    private readonly int _flowDepth;
    private Level[] _current;
    private Level[] _previous;

    /// <param name="depth">Levels mirrored (K): the deepest level any feature reads.</param>
    /// <param name="flowDepth">Levels whose flow (OFI) terms are computed: the deepest OFI level.</param>
    public SideDepth(Side side, int depth, int flowDepth)
    {
        _side = side;
        _depth = depth;
        _flowDepth = Math.Min(flowDepth, depth);
        _current = new Level[depth];
        _previous = new Level[depth];
        QuantityPrefix = new long[depth + 1];
        NotionalPrefix = new double[depth + 1];
        SeedFlowPrefix = new long[depth + 1];
        CksFlowPrefix = new long[depth + 1];
    }

    public int Count { get; private set; }
    public int PreviousCount { get; private set; }

    /// <summary>True when the last update reached these levels and the flow prefixes describe it.</summary>
    public bool Changed { get; private set; }

    /// <summary>QuantityPrefix[n]: total raw size of the best n levels (n capped at <see cref="Count"/> by the reader).</summary>
    public long[] QuantityPrefix { get; }

    /// <summary>NotionalPrefix[n]: sum of raw price x raw size of the best n levels (scaled once, on read).</summary>
    public double[] NotionalPrefix { get; }

    /// <summary>Seed OFI term of this side summed over levels 1..n: positional size increases only.</summary>
    public long[] SeedFlowPrefix { get; }

    /// <summary>
    /// Cont-Kukanov-Stoikov term of this side summed over levels 1..n: per level,
    /// 1{P_n at least as good as P_(n-1)} q_n - 1{P_n at most as good as P_(n-1)} q_(n-1). The book's OFI is bid
    /// minus ask; "good" is higher for bids and lower for asks, which is the CKS formula with both sides' indicators.
    /// </summary>
    public long[] CksFlowPrefix { get; }

    public ref readonly Level Best => ref _current[0];
    public ref readonly Level PreviousBest => ref _previous[0];
    public bool IsEmpty => Count == 0;

    public double BestPrice => Count == 0 ? 0 : _current[0].Price.Raw / (double)FixedPoint.Scale;

    /// <summary>
    /// The worst raw price a change must reach to alter the top K: the K-th level's price, or the worst possible price
    /// while the side is shallower than K (then every change counts). Read once per update, so the scan of the
    /// message's levels is one comparison each.
    /// </summary>
    public long ReachThreshold => Count < _depth
        ? (_side == Side.Bid ? long.MinValue : long.MaxValue)
        : _current[_depth - 1].Price.Raw;

    public long Key(Price price) => _side == Side.Bid ? price.Raw : -price.Raw;

    /// <summary>The update did not reach the top K: nothing moved, every flow term is zero.</summary>
    public void MarkUnchanged() => Changed = false;

    /// <summary>Copies the top K from the book (the state after the update) and recomputes the sums and flows.</summary>
    public void Refresh(BookSide side)
    {
        (_previous, _current) = (_current, _previous);
        PreviousCount = Count;
        Count = side.CopyTop(_current);
        Changed = true;

        long[] qp = QuantityPrefix, seed = SeedFlowPrefix, cks = CksFlowPrefix;
        double[] np = NotionalPrefix;
        Level[] cur = _current, prev = _previous;
        int count = Count, prevCount = PreviousCount, depth = _depth, flowDepth = _flowDepth;
        long sign = _side == Side.Bid ? 1 : -1;
        long q = 0, s = 0, c = 0;
        double notional = 0;
        for (int i = 0; i < flowDepth; i++)
        {
            long qn = 0, key = MissingKey;
            if (i < count)
            {
                long price = cur[i].Price.Raw;
                qn = cur[i].Quantity.Raw;
                key = price * sign;
                q += qn;
                notional += (double)price * qn;
            }
            long qo = 0, keyOld = MissingKey;
            if (i < prevCount)
            {
                qo = prev[i].Quantity.Raw;
                keyOld = prev[i].Price.Raw * sign;
            }
            if (qn > qo) s += qn - qo;
            if (key >= keyOld) c += qn;
            if (key <= keyOld) c -= qo;
            qp[i + 1] = q;
            np[i + 1] = notional;
            seed[i + 1] = s;
            cks[i + 1] = c;
        }
        // Below the deepest OFI level only the volume sums are needed.
        int filled = Math.Min(count, depth);
        for (int i = flowDepth; i < filled; i++)
        {
            long qn = cur[i].Quantity.Raw;
            q += qn;
            notional += (double)cur[i].Price.Raw * qn;
            qp[i + 1] = q;
            np[i + 1] = notional;
        }
        for (int i = Math.Max(flowDepth, filled); i < depth; i++)
        {
            qp[i + 1] = q;
            np[i + 1] = notional;
        }
    }

    public void Save(StateWriter w)
    {
        w.Write(Count);
        w.Write(PreviousCount);
        w.Write(Changed);
        WriteLevels(w, _current);
        WriteLevels(w, _previous);
        w.Write(QuantityPrefix);
        w.Write(NotionalPrefix);
        w.Write(SeedFlowPrefix);
        w.Write(CksFlowPrefix);
    }

    public void Load(StateReader r)
    {
        Count = r.ReadInt32();
        PreviousCount = r.ReadInt32();
        Changed = r.ReadBoolean();
        if ((uint)Count > (uint)_depth || (uint)PreviousCount > (uint)_depth)
            throw new InvalidDataException($"predictor state: {Count} and {PreviousCount} levels mirrored where the engine keeps {_depth}");
        ReadLevels(r, _current);
        ReadLevels(r, _previous);
        r.ReadInto(QuantityPrefix);
        r.ReadInto(NotionalPrefix);
        r.ReadInto(SeedFlowPrefix);
        r.ReadInto(CksFlowPrefix);
    }

    private static void WriteLevels(StateWriter w, Level[] levels)
    {
        Span<long> raw = stackalloc long[2 * levels.Length];
        for (int i = 0; i < levels.Length; i++) (raw[2 * i], raw[2 * i + 1]) = (levels[i].Price.Raw, levels[i].Quantity.Raw);
        w.Write(raw);
    }

    private static void ReadLevels(StateReader r, Level[] levels)
    {
        Span<long> raw = stackalloc long[2 * levels.Length];
        r.ReadInto(raw);
        for (int i = 0; i < levels.Length; i++) levels[i] = new Level(new Price(raw[2 * i]), new Quantity(raw[2 * i + 1]));
    }

    public void Clear()
    {
        Count = PreviousCount = 0;
        Changed = false;
        Array.Clear(QuantityPrefix);
        Array.Clear(NotionalPrefix);
        Array.Clear(SeedFlowPrefix);
        Array.Clear(CksFlowPrefix);
    }

    /// <summary>This side's seed OFI term over levels 1..<paramref name="levels"/> for the last update (0 when it did not reach them).</summary>
    public long SeedFlow(int levels) => Changed ? SeedFlowPrefix[levels] : 0;

    /// <summary>This side's CKS term over levels 1..<paramref name="levels"/> for the last update (0 when it did not reach them).</summary>
    public long CksFlow(int levels) => Changed ? CksFlowPrefix[levels] : 0;

    /// <summary>Sum of raw sizes of the best <paramref name="levels"/> levels (fewer when the side is shallower).</summary>
    public long QuantityOf(int levels) => QuantityPrefix[Math.Min(levels, Count)];

    /// <summary>Sum of price x raw size of the best <paramref name="levels"/> levels.</summary>
    public double NotionalOf(int levels) => NotionalPrefix[Math.Min(levels, Count)] / FixedPoint.Scale;
}
