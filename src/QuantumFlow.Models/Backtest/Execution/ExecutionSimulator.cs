using System.Collections.Immutable;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>
/// Fills one strategy's orders against a book replica that the caller moves forward event by event (several
/// simulators can share one replica: each keeps only its own orders). Call <see cref="BeforeEvent"/>, apply the event
/// to the book, then <see cref="AfterEvent"/>.
/// <para>
/// Time: an order decided at local time d reaches the venue at a = d + order latency on the exchange clock (clamped to
/// no earlier than the newest exchange time already applied, so it can never act on a book older than what the
/// strategy saw). It is executed just before the first event whose exchange time is after a: the book then holds
/// exactly the events the venue had processed by a, as far as the feed shows, so no fill uses a later price. Feed
/// latency is thereby the data's own (receive minus exchange time). Our own orders do not change the replica: the
/// liquidity a market order takes is back at the next event (orders here are small against the book, stated).
/// </para>
/// </summary>
public sealed class ExecutionSimulator
{
    private readonly OrderBook _book;
    private readonly ExecutionCosts _costs;
    private readonly Queue<InFlight> _inFlight = new();
    private readonly List<RestingOrder> _resting = new();
    private readonly List<Fill> _fills = new();
    private Level[] _levels = new Level[32];
    private long _nextId = 1;

    public ExecutionSimulator(OrderBook book, ExecutionCosts costs, Account? account = null)
    {
        costs.Validate();
        _book = book;
        _costs = costs;
        Account = account ?? new Account();
    }

    public Account Account { get; }
    public ExecutionCosts Costs => _costs;
    public IReadOnlyList<Fill> Fills => _fills;
    public IReadOnlyList<RestingOrder> Resting => _resting;
    public int InFlightCount => _inFlight.Count;
    /// <summary>Orders that found an invalid book or no liquidity at arrival (the unfilled part of a market order).</summary>
    public int Rejected { get; private set; }
    public int Orders { get; private set; }

    /// <summary>The newest exchange time applied to the book: the latest information any fill may use.</summary>
    public long BookTimeNs { get; private set; }

    /// <summary>Events applied to the book so far (through <see cref="AfterEvent"/>).</summary>
    public long BookEvents { get; private set; }

    /// <summary>Sends an order decided at local time <paramref name="decisionNs"/>; returns its id.</summary>
    /// <exception cref="ArgumentException">the quantity is not positive, or a limit order has no positive price.</exception>
    public long Submit(OrderRequest order, long decisionNs)
    {
        if (order.Quantity.Raw <= 0) throw new ArgumentException($"order quantity {order.Quantity} must be positive", nameof(order));
        if (order.Type == OrderType.Limit && order.LimitPrice.Raw <= 0) throw new ArgumentException($"limit price {order.LimitPrice} must be positive", nameof(order));
        long id = _nextId++;
        Orders++;
        _inFlight.Enqueue(new InFlight(id, order, decisionNs, ArrivalFor(decisionNs)));
        return id;
    }

    /// <summary>Asks to cancel an order; it takes effect at arrival, after the same latency (fills may happen meanwhile).</summary>
    public void Cancel(long orderId, long decisionNs) => _inFlight.Enqueue(new InFlight(orderId, null, decisionNs, ArrivalFor(decisionNs)));

    /// <summary>True while the order is in flight or resting.</summary>
    public bool IsLive(long orderId)
    {
        foreach (RestingOrder r in _resting) if (r.Id == orderId) return true;
        foreach (InFlight f in _inFlight) if (f.Id == orderId && f.Order is not null) return true;
        return false;
    }

    public void BeforeEvent(MarketEvent e)
    {
        long clock = EventClock.ExchangeNs(e);
        while (_inFlight.Count > 0 && _inFlight.Peek().ArrivalNs < clock) Arrive(_inFlight.Dequeue());
        if (_resting.Count == 0) return;
        switch (e)
        {
            case Trade t:
                MatchTrade(t, clock);
                break;
            case BookDelta or BookSnapshot:
                foreach (RestingOrder r in _resting) r.SizeBefore = _book[r.Side].QuantityAt(r.Price).Raw;
                break;
        }
    }

    public void AfterEvent(MarketEvent e)
    {
        BookTimeNs = Math.Max(BookTimeNs, EventClock.ExchangeNs(e));
        BookEvents++;
        if (_resting.Count == 0 || e is not (BookDelta or BookSnapshot)) return;
        foreach (RestingOrder r in _resting) UpdateQueue(r, _book[r.Side].QuantityAt(r.Price).Raw, e is BookSnapshot);
    }

    private long ArrivalFor(long decisionNs) => Math.Max(decisionNs + _costs.OrderLatencyNs, BookTimeNs);

    private void Arrive(InFlight f)
    {
        if (f.Order is null)
        {
            _resting.RemoveAll(r => r.Id == f.Id);
            return;
        }
        OrderRequest o = f.Order;
        if (!_book.IsValid)
        {
            Rejected++;
            return;
        }
        long remaining = Take(f, o);
        if (remaining == 0) return;
        if (o.Type == OrderType.Market)
        {
            Rejected++; // the book held less than the order: the rest is not filled (an IOC market order)
            return;
        }
        _resting.Add(new RestingOrder(f.Id, o.Side, o.LimitPrice, remaining, _book[o.Side].QuantityAt(o.LimitPrice).Raw, f.DecisionNs, f.ArrivalNs));
    }

    /// <summary>Walks the opposite side from its best level (up to the limit price for a limit order); returns what is left.</summary>
    private long Take(InFlight f, OrderRequest o)
    {
        BookSide opposite = _book[o.Side == Side.Bid ? Side.Ask : Side.Bid];
        long remaining = o.Quantity.Raw;
        var legs = ImmutableArray.CreateBuilder<FillLeg>();
        int depth = 0;
        while (remaining > 0 && depth < opposite.Count)
        {
            if (depth == _levels.Length || depth == 0)
            {
                if (depth == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
                opposite.CopyTop(_levels);
            }
            Level level = _levels[depth++];
            if (o.Type == OrderType.Limit && (o.Side == Side.Bid ? level.Price > o.LimitPrice : level.Price < o.LimitPrice)) break;
            long take = Math.Min(remaining, level.Quantity.Raw);
            legs.Add(new FillLeg(level.Price, new Quantity(take)));
            remaining -= take;
        }
        if (legs.Count > 0) Record(f.Id, o.Side, Liquidity.Taker, legs.ToImmutable(), f.DecisionNs, f.ArrivalNs, BookTimeNs);
        return remaining;
    }

    private void MatchTrade(Trade t, long clock)
    {
        for (int i = 0; i < _resting.Count; i++)
        {
            RestingOrder r = _resting[i];
            // A buy rests on the bids and is reached by sellers (aggressor Ask), and the other way round.
            if (t.Aggressor == r.Side) continue;
            // A print received after the order rested can still be older at the venue (feeds interleave): it never reached us.
            if (clock <= r.ArrivalTimeNs) continue;
            bool atPrice = t.Price == r.Price;
            bool through = r.Side == Side.Bid ? t.Price < r.Price : t.Price > r.Price;
            if (!atPrice && !through) continue;
            long fill;
            if (through)
            {
                fill = r.Remaining; // the aggressor cleared our whole level to print beyond it
                r.QueueAhead = 0;
            }
            else
            {
                long qty = t.Quantity.Raw;
                r.TradedSinceUpdate += qty;
                if (qty <= r.QueueAhead)
                {
                    r.QueueAhead -= qty;
                    continue;
                }
                fill = Math.Min(r.Remaining, qty - r.QueueAhead);
                r.QueueAhead = 0;
            }
            Record(r.Id, r.Side, Liquidity.Maker, [new FillLeg(r.Price, new Quantity(fill))], r.DecisionTimeNs, r.ArrivalTimeNs, BookTimeNs, clock);
            r.Remaining -= fill;
            if (r.Remaining == 0) _resting.RemoveAt(i--);
        }
    }

    private static void UpdateQueue(RestingOrder r, long after, bool snapshot)
    {
        long before = r.SizeBefore;
        long decrease = before - after;
        if (!snapshot && decrease > 0)
        {
            long traded = Math.Min(decrease, r.TradedSinceUpdate);
            long cancels = decrease - traded;
            long others = before - traded;
            if (cancels > 0 && others > 0)
                r.QueueAhead -= (long)((Int128)cancels * r.QueueAhead / others);
        }
        if (before != after) r.TradedSinceUpdate = 0;
        r.QueueAhead = Math.Clamp(r.QueueAhead, 0, after);
    }

    private void Record(long id, Side side, Liquidity liquidity, ImmutableArray<FillLeg> legs, long decisionNs, long arrivalNs, long bookNs, long? fillNs = null)
    {
        decimal notional = 0;
        foreach (FillLeg l in legs) notional += l.Price.ToDecimal() * l.Quantity.ToDecimal();
        var fill = new Fill(id, side, liquidity, legs, _costs.FeeFor(liquidity, notional), _costs.SlippageFor(liquidity, notional),
            decisionNs, arrivalNs, bookNs, fillNs ?? arrivalNs, BookEvents);
        _fills.Add(fill);
        Account.Apply(fill);
    }

    private readonly record struct InFlight(long Id, OrderRequest? Order, long DecisionNs, long ArrivalNs);
}
