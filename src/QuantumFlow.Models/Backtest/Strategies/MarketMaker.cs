using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>
/// A one-level market maker: a bid at the best bid and an ask at the best ask, requoted on each prediction. The
/// prediction skews them: with edge = P(up) - P(down), the ask moves <see cref="MarketMakerOptions.SkewTicks"/> x edge
/// ticks away when an up-move is expected (do not sell cheap) and the bid likewise when a down-move is. Inventory
/// pulls back the side that would grow it, and a side that would breach the limit is not quoted. With
/// <see cref="MarketMakerOptions.PullProbability"/>, a side the signal expects to be run over is withdrawn. A quote whose price
/// changes is cancelled and replaced (losing its queue place, as on a real venue).
/// </summary>
public sealed class MarketMaker : IStrategy
{
    private readonly MarketMakerOptions _options;
    private Price _tick;
    private Quote _bid;
    private Quote _ask;

    public MarketMaker(MarketMakerOptions? options = null, string name = "maker")
    {
        _options = options ?? new MarketMakerOptions();
        _tick = _options.TickSize;
        Name = name;
    }

    public string Name { get; }

    public void OnStep(StrategyContext context)
    {
        if (context.Prediction is not { } p || !context.Book.IsValid) return;
        OrderBook book = context.Book;
        if (_tick.Raw <= 0) _tick = InferTick(book);
        if (_tick.Raw <= 0) return;
        Quantity size = context.SizeFor(_options.QuoteFraction, _options.LotSize);
        long maxInventory = context.SizeFor(_options.MaxInventoryFraction, _options.LotSize).Raw;
        if (size.IsZero || maxInventory <= 0) return;

        double edge = p.Ensemble.Up - p.Ensemble.Down;
        double inventory = (double)context.PositionRaw / maxInventory;
        long bidOffset = (long)Math.Round(_options.SkewTicks * Math.Max(0, -edge) + _options.InventoryTicks * Math.Max(0, inventory));
        long askOffset = (long)Math.Round(_options.SkewTicks * Math.Max(0, edge) + _options.InventoryTicks * Math.Max(0, -inventory));
        bool wantBid = context.PositionRaw + size.Raw <= maxInventory;
        bool wantAsk = context.PositionRaw - size.Raw >= -maxInventory;
        if (_options.PullProbability is { } pull)
        {
            wantBid &= p.Ensemble.Down < pull;
            wantAsk &= p.Ensemble.Up < pull;
        }
        _bid = Requote(context, _bid, Side.Bid, wantBid, new Price(book.BestBid.Raw - bidOffset * _tick.Raw), size);
        _ask = Requote(context, _ask, Side.Ask, wantAsk, new Price(book.BestAsk.Raw + askOffset * _tick.Raw), size);
    }

    private static Quote Requote(StrategyContext context, Quote current, Side side, bool wanted, Price price, Quantity size)
    {
        bool live = current.Id != 0 && context.IsLive(current.Id);
        if (live && wanted && current.Price == price) return current;
        if (live) context.Cancel(current.Id);
        if (!wanted || price.Raw <= 0) return default;
        return new Quote(context.Submit(new OrderRequest(side, OrderType.Limit, size, price)), price);
    }

    /// <summary>The smallest gap between adjacent levels among the best few: the tick, on any liquid book.</summary>
    private static Price InferTick(OrderBook book)
    {
        long best = long.MaxValue;
        Span<Level> levels = stackalloc Level[10];
        foreach (BookSide side in new[] { book.Bids, book.Asks })
        {
            int n = side.CopyTop(levels);
            for (int i = 1; i < n; i++) best = Math.Min(best, Math.Abs(levels[i].Price.Raw - levels[i - 1].Price.Raw));
        }
        return best == long.MaxValue ? Price.Zero : new Price(best);
    }

    private readonly record struct Quote(long Id, Price Price);
}
