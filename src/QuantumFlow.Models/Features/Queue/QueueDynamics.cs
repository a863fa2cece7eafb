using QuantumFlow.Models.Features.Depth;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.Queue;

/// <summary>
/// Arrivals, cancellations and executions at the best level of each side, inferred from consecutive books (price
/// aware: a new better level is an arrival of its size, a vanished best level a departure of its size) and kept in a
/// window of the last N events. Every count and size in the outputs is of the events in that window, divided by the
/// window's own time span, so rates stay bounded (the seed divided cumulative counts by a windowed span).
/// </summary>
internal sealed class QueueDynamics
{
    private const double Scale = FixedPoint.Scale;

    private readonly long[] _times;
    private readonly long[] _sizes;
    private readonly byte[] _cells; // side * 3 + kind
    private readonly int[] _counts = new int[6];
    private readonly long[] _sideSizes = new long[2];
    private readonly int[] _sideCounts = new int[2];
    private readonly TradeMatcher _matcher = new();
    private readonly int _i;
    private int _head; // oldest event
    private int _count;
    private bool _changed; // outputs are rewritten only when the window changed

    public QueueDynamics(FeatureOptions options, List<string> names)
    {
        int n = options.QueueWindow;
        _times = new long[n];
        _sizes = new long[n];
        _cells = new byte[n];
        _i = names.Count;
        names.AddRange([
            FeatureNames.BidArrivalRate, FeatureNames.AskArrivalRate, FeatureNames.TotalArrivalRate,
            FeatureNames.BidCancelRatio, FeatureNames.AskCancelRatio, FeatureNames.TotalCancelRatio,
            FeatureNames.OrderBookIntensity, FeatureNames.AvgQueueDepthBid, FeatureNames.AvgQueueDepthAsk,
            FeatureNames.AvgTimeBetweenEvents, FeatureNames.BidCancelRate, FeatureNames.AskCancelRate,
            FeatureNames.BidExecutionRate, FeatureNames.AskExecutionRate, FeatureNames.TotalExecutionRatio,
        ]);
    }

    public void OnTrade(MarketMessage trade) => _matcher.OnTrade(trade.Aggressor, trade.TradePrice, trade.TradeQuantity);

    /// <summary>
    /// Infers the events of one book update; <paramref name="comparable"/> is false for a snapshot, which has no earlier
    /// book to compare with and only resets the matching of trades.
    /// </summary>
    public void Update(SideDepth bids, SideDepth asks, bool comparable, long nowNs, double[] v)
    {
        if (comparable)
        {
            if (bids.Changed) Infer(Side.Bid, bids, nowNs);
            if (asks.Changed) Infer(Side.Ask, asks, nowNs);
            _matcher.Expire(Side.Bid, bids.IsEmpty ? 0 : bids.Best.Price.Raw, bids.IsEmpty);
            _matcher.Expire(Side.Ask, asks.IsEmpty ? 0 : asks.Best.Price.Raw, asks.IsEmpty);
        }
        else
        {
            _matcher.Clear();
        }
        if (_changed) Write(v);
    }

    public void Save(StateWriter w)
    {
        w.Write(_times);
        w.Write(_sizes);
        w.Write(_cells);
        w.Write(_counts);
        w.Write(_sideSizes);
        w.Write(_sideCounts);
        w.Write(_head);
        w.Write(_count);
        w.Write(_changed);
        _matcher.Save(w);
    }

    public void Load(StateReader r)
    {
        r.ReadInto(_times);
        r.ReadInto(_sizes);
        r.ReadInto(_cells);
        r.ReadInto(_counts);
        r.ReadInto(_sideSizes);
        r.ReadInto(_sideCounts);
        _head = r.ReadInt32();
        _count = r.ReadInt32();
        _changed = r.ReadBoolean();
        if ((uint)_head >= (uint)_times.Length || (uint)_count > (uint)_times.Length)
            throw new InvalidDataException("predictor state: the queue window's position is outside its ring");
        _matcher.Load(r);
    }

    public void Clear()
    {
        _head = _count = 0;
        _changed = false;
        Array.Clear(_counts);
        Array.Clear(_sideSizes);
        Array.Clear(_sideCounts);
        _matcher.Clear();
    }

    private void Infer(Side side, SideDepth depth, long nowNs)
    {
        bool had = depth.PreviousCount > 0, has = depth.Count > 0;
        if (!had && !has) return;
        if (!had)
        {
            Add(side, QueueEventKind.New, depth.Best.Quantity.Raw, nowNs);
            return;
        }
        long oldPrice = depth.PreviousBest.Price.Raw, oldSize = depth.PreviousBest.Quantity.Raw;
        if (!has)
        {
            Depart(side, oldPrice, oldSize, nowNs);
            return;
        }
        long key = depth.Key(depth.Best.Price), oldKey = depth.Key(depth.PreviousBest.Price);
        long size = depth.Best.Quantity.Raw;
        if (key == oldKey)
        {
            if (size > oldSize) Add(side, QueueEventKind.New, size - oldSize, nowNs);
            else if (size < oldSize) Depart(side, oldPrice, oldSize - size, nowNs);
        }
        else if (key > oldKey)
        {
            Add(side, QueueEventKind.New, size, nowNs);
        }
        else
        {
            Depart(side, oldPrice, oldSize, nowNs);
        }
    }

    private void Depart(Side side, long price, long size, long nowNs)
    {
        long executed = _matcher.Match(side, price, size);
        if (executed > 0) Add(side, QueueEventKind.Execute, executed, nowNs);
        if (size > executed) Add(side, QueueEventKind.Cancel, size - executed, nowNs);
    }

    private void Add(Side side, QueueEventKind kind, long size, long nowNs)
    {
        int capacity = _times.Length;
        if (_count == capacity)
        {
            int s = _cells[_head] / 3;
            _counts[_cells[_head]]--;
            _sideCounts[s]--;
            _sideSizes[s] -= _sizes[_head];
            if (++_head == capacity) _head = 0;
            _count--;
        }
        int tail = _head + _count;
        if (tail >= capacity) tail -= capacity;
        byte cell = (byte)((int)side * 3 + (int)kind);
        _times[tail] = nowNs;
        _sizes[tail] = size;
        _cells[tail] = cell;
        _counts[cell]++;
        _sideCounts[(int)side]++;
        _sideSizes[(int)side] += size;
        _count++;
        _changed = true;
    }

    private void Write(double[] v)
    {
        _changed = false;
        int i = _i;
        int n = _count;
        int bidNew = _counts[0], bidCancel = _counts[1], bidExec = _counts[2];
        int askNew = _counts[3], askCancel = _counts[4], askExec = _counts[5];
        long spanNs = 0;
        if (n >= 2)
        {
            int last = _head + n - 1;
            if (last >= _times.Length) last -= _times.Length;
            spanNs = _times[last] - _times[_head];
        }
        // Rates need a time span: with fewer than two events, or all at one instant, they are 0 (not infinite).
        double perSecond = spanNs > 0 ? 1e9 / spanNs : 0;
        v[i] = bidNew * perSecond;
        v[i + 1] = askNew * perSecond;
        v[i + 2] = (bidNew + askNew) * perSecond;
        v[i + 3] = _sideCounts[0] > 0 ? (double)bidCancel / _sideCounts[0] : 0;
        v[i + 4] = _sideCounts[1] > 0 ? (double)askCancel / _sideCounts[1] : 0;
        v[i + 5] = n > 0 ? (double)(bidCancel + askCancel) / n : 0;
        v[i + 6] = n * perSecond;
        v[i + 7] = _sideCounts[0] > 0 ? _sideSizes[0] / Scale / _sideCounts[0] : 0;
        v[i + 8] = _sideCounts[1] > 0 ? _sideSizes[1] / Scale / _sideCounts[1] : 0;
        v[i + 9] = spanNs > 0 ? spanNs / 1e6 / (n - 1) : 0;
        v[i + 10] = bidCancel * perSecond;
        v[i + 11] = askCancel * perSecond;
        v[i + 12] = bidExec * perSecond;
        v[i + 13] = askExec * perSecond;
        v[i + 14] = n > 0 ? (double)(bidExec + askExec) / n : 0;
    }
}
