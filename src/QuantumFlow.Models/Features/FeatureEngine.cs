using QuantumFlow.Models.Book;
using QuantumFlow.Models.Features.Depth;
using QuantumFlow.Models.Features.OrderFlow;
using QuantumFlow.Models.Features.Pricing;
using QuantumFlow.Models.Features.Queue;
using QuantumFlow.Models.Features.Scaling;
using QuantumFlow.Models.Features.TradeFlow;
using QuantumFlow.Models.Features.Volatility;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features;

/// <summary>
/// Incremental features of one book. Feed it every book update after the <see cref="OrderBook"/> has applied it
/// (<see cref="OnBookUpdate"/>) and every trade (<see cref="OnTrade"/>), in arrival order; each call updates the one
/// reusable <see cref="Vector"/> in place and returns it. A feature after event t depends only on events up to t.
/// <para>
/// Cost per book update: O(levels in the message) to see whether it reached the mirrored top K levels per side
/// (K = <see cref="FeatureOptions.MirrorDepth"/>), plus O(K) for a side it reached, plus O(number of windows) for the
/// rolling statistics; nothing depends on window length or book size, and nothing is allocated after warm-up.
/// </para>
/// Not thread-safe: one engine per book, driven by one thread (an actor).
/// </summary>
public sealed class FeatureEngine
{
    private readonly SideDepth _bids;
    private readonly SideDepth _asks;
    private readonly MicroPriceFeatures _price;
    private readonly VolumeProfile _volume;
    private readonly OrderFlowImbalance _ofi;
    private readonly QueueDynamics _queue;
    private readonly VolatilityFeatures _volatility;
    private readonly TradeFlowFeatures _trades;
    private readonly RelativeScales _relative;
    private readonly double[] _v;
    private bool _hasBook;
    private long _nowNs;

    public FeatureEngine(FeatureOptions? options = null)
    {
        Options = options ?? FeatureOptions.Default;
        Options.Validate();
        int depth = Options.MirrorDepth;
        int flowDepth = Options.OfiLevels.Max();
        _bids = new SideDepth(Side.Bid, depth, flowDepth);
        _asks = new SideDepth(Side.Ask, depth, flowDepth);
        var names = new List<string>(128);
        _price = new MicroPriceFeatures(Options, names);
        _volume = new VolumeProfile(Options, names);
        _ofi = new OrderFlowImbalance(Options, names);
        _queue = new QueueDynamics(Options, names);
        _volatility = new VolatilityFeatures(Options, names);
        _trades = new TradeFlowFeatures(Options, names);
        _relative = new RelativeScales(Options, names);
        Schema = new FeatureSchema(Options, names);
        Vector = new FeatureVector(Schema);
        _v = Vector.Buffer;
    }

    public FeatureOptions Options { get; }
    public FeatureSchema Schema { get; }

    /// <summary>The reusable output, overwritten by every call.</summary>
    public FeatureVector Vector { get; }

    /// <summary>
    /// Reads the book after it applied <paramref name="update"/>, a snapshot or a delta. A snapshot (the first, or a
    /// resync after a gap) has no comparable earlier book: flow features (OFI, queue events) start again from it.
    /// A one-sided or crossed book is accepted and gives the documented values (book_valid = 0).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="update"/> is neither a snapshot nor a delta.</exception>
    public FeatureVector OnBookUpdate(OrderBook book, MarketMessage update)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(update);
        // A snapshot from before the engine's clock is a new session (a replay that loops, a recording that starts
        // over): every window and the clock start again from it, or every time-based feature and label would see the
        // whole new session as one instant. The sequence keeps counting, so predictions stay distinct.
        if (update.Kind == MessageKind.Snapshot && _hasBook && ClockOf(update) < _nowNs) StartOver();
        bool comparable;
        if (update.Kind == MessageKind.Delta && _hasBook)
        {
            comparable = true;
            bool bidReached = false, askReached = false;
            long bidThreshold = _bids.ReachThreshold, askThreshold = _asks.ReachThreshold;
            foreach (ref readonly LevelUpdate l in update.Levels)
            {
                long p = l.Price.Raw;
                if (l.Side == Side.Bid) bidReached |= p >= bidThreshold;
                else askReached |= p <= askThreshold;
            }
            if (bidReached) _bids.Refresh(book.Bids); else _bids.MarkUnchanged();
            if (askReached) _asks.Refresh(book.Asks); else _asks.MarkUnchanged();
        }
        else if (update.Kind is MessageKind.Snapshot or MessageKind.Delta)
        {
            comparable = false;
            _bids.Refresh(book.Bids);
            _asks.Refresh(book.Asks);
            _hasBook = true;
        }
        else
        {
            throw new ArgumentException($"a {update.Kind} message is not a book update", nameof(update));
        }

        long now = Advance(update);
        double[] v = _v;
        _price.Update(_bids, _asks, now, v);
        if (_bids.Changed || _asks.Changed) _volume.Update(_bids, _asks, v);
        _ofi.Update(_bids, _asks, comparable, v);
        _queue.Update(_bids, _asks, comparable, now, v);
        double mid = _price.ValidMid;
        if (mid > 0) _volatility.OnMid(mid, v);
        _trades.Advance(now, v);
        _relative.Update(v);
        Vector.BookUpdates++;
        return Stamp(update);
    }

    /// <summary>A trade print: updates the trade-flow windows, the execution matching and the time-based fair value.</summary>
    /// <exception cref="ArgumentException"><paramref name="trade"/> is not a trade.</exception>
    public FeatureVector OnTrade(MarketMessage trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (trade.Kind != MessageKind.Trade) throw new ArgumentException($"a {trade.Kind} message is not a trade", nameof(trade));
        long now = Advance(trade);
        _queue.OnTrade(trade);
        _trades.OnTrade(trade, now, _v);
        _price.Advance(now, _v);
        _relative.Update(_v);
        return Stamp(trade);
    }

    /// <summary>Writes every window, average and the output itself, so <see cref="Load"/> continues exactly from here.</summary>
    public void Save(StateWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Begin("feature-engine");
        _bids.Save(w);
        _asks.Save(w);
        _price.Save(w);
        _ofi.Save(w);
        _queue.Save(w);
        _volatility.Save(w);
        _trades.Save(w);
        _relative.Save(w);
        w.Write(_hasBook);
        w.Write(_nowNs);
        FeatureVector v = Vector;
        w.Write(_v);
        w.Write(v.Sequence);
        w.Write(v.BookUpdates);
        w.Write(v.TimeNs);
        w.Write(v.ExchangeTimeNs);
        w.Write(v.ReceiveTimeNs);
        w.Write((int)v.Trigger);
        w.Write((int)v.Venue);
        w.Write(v.Symbol);
    }

    /// <summary>The state <see cref="Save"/> wrote, by an engine with the same options (the book is restored separately).</summary>
    /// <exception cref="InvalidDataException">The state does not fit this engine; it is then half-loaded and must be reset or dropped.</exception>
    public void Load(StateReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.Begin("feature-engine");
        _bids.Load(r);
        _asks.Load(r);
        _price.Load(r);
        _ofi.Load(r);
        _queue.Load(r);
        _volatility.Load(r);
        _trades.Load(r);
        _relative.Load(r);
        _hasBook = r.ReadBoolean();
        _nowNs = r.ReadInt64();
        FeatureVector v = Vector;
        r.ReadInto(_v);
        v.Sequence = r.ReadInt64();
        v.BookUpdates = r.ReadInt64();
        v.TimeNs = r.ReadInt64();
        v.ExchangeTimeNs = r.ReadInt64();
        v.ReceiveTimeNs = r.ReadInt64();
        v.Trigger = (MessageKind)r.ReadInt32();
        v.Venue = (Venue)r.ReadInt32();
        v.Symbol = r.ReadString();
    }

    /// <summary>Forgets everything, as if new (a new session, or replaying again), without allocating.</summary>
    public void Reset()
    {
        StartOver();
        Vector.Sequence = Vector.BookUpdates = 0;
    }

    /// <summary>Forgets the book, the windows and the clock; the output's counters go on.</summary>
    private void StartOver()
    {
        _bids.Clear();
        _asks.Clear();
        _price.Clear();
        _ofi.Clear();
        _queue.Clear();
        _volatility.Clear();
        _trades.Clear();
        _relative.Clear();
        Array.Clear(_v);
        _hasBook = false;
        _nowNs = 0;
        Vector.TimeNs = Vector.ExchangeTimeNs = Vector.ReceiveTimeNs = 0;
        Vector.Trigger = MessageKind.Other;
    }

    /// <summary>The engine clock never goes back: a message older than the last one counts as simultaneous.</summary>
    private long Advance(MarketMessage m)
    {
        long t = ClockOf(m);
        if (t > _nowNs) _nowNs = t;
        return _nowNs;
    }

    private long ClockOf(MarketMessage m) => Options.Clock == FeatureClock.Exchange && m.ExchangeTimeNs != 0 ? m.ExchangeTimeNs : m.ReceiveTimeNs;

    private FeatureVector Stamp(MarketMessage m)
    {
        FeatureVector vector = Vector;
        vector.Sequence++;
        vector.TimeNs = _nowNs;
        vector.ExchangeTimeNs = m.ExchangeTimeNs;
        vector.ReceiveTimeNs = m.ReceiveTimeNs;
        vector.Trigger = m.Kind;
        vector.Venue = m.Venue;
        if (m.Symbol.Length > 0) vector.Symbol = m.Symbol;
        return vector;
    }
}
