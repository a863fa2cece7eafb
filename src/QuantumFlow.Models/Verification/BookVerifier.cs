using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Verification;

/// <summary>
/// Checks a rebuilt book against the venue's own best bid/ask (Binance bookTicker). A ticker describes an exact book
/// state only when its update id equals the id of a state the book passed through: it is checked when the book is
/// at that id, either on arrival or as soon as a later diff brings the book there; tickers whose id falls inside a
/// diff's range are not checkable and are skipped.
/// </summary>
public sealed class BookVerifier : ISessionObserver
{
    private const int MaxPending = 4096;
    private readonly Dictionary<string, Queue<PendingTicker>> _pending = new();

    public long Checked { get; private set; }
    public long Mismatches { get; private set; }
    public long Tickers { get; private set; }
    public long Snapshots { get; private set; }
    public long Updates { get; private set; }
    public List<string> MismatchSamples { get; } = new();

    public void OnMessage(MarketMessage message, IBookSync? book, SyncResult result)
    {
        if (book is null) return;
        switch (message.Kind)
        {
            case MessageKind.BestBidAsk:
                Tickers++;
                OnTicker(message, book.Book);
                break;
            case MessageKind.Snapshot when result.ChangedBook() || result == SyncResult.Gap:
                Snapshots++;
                goto case MessageKind.Delta;
            case MessageKind.Delta:
                if (result == SyncResult.Applied) Updates++;
                if (book.Book.State == BookState.Synced) Drain(book.Book);
                else Pending(book.Book.Symbol).Clear();
                break;
        }
    }

    private void OnTicker(MarketMessage t, OrderBook book)
    {
        if (book.State != BookState.Synced) return;
        if (t.LastUpdateId == book.LastUpdateId)
        {
            Compare(t.LastUpdateId, t.BidPrice, t.BidQuantity, t.AskPrice, t.AskQuantity, book);
        }
        else if (t.LastUpdateId > book.LastUpdateId)
        {
            Queue<PendingTicker> q = Pending(book.Symbol);
            if (q.Count >= MaxPending) q.Dequeue();
            q.Enqueue(new PendingTicker(t.LastUpdateId, t.BidPrice, t.BidQuantity, t.AskPrice, t.AskQuantity));
        }
    }

    private void Drain(OrderBook book)
    {
        if (!_pending.TryGetValue(book.Symbol, out Queue<PendingTicker>? q)) return;
        while (q.Count > 0 && q.Peek().UpdateId <= book.LastUpdateId)
        {
            PendingTicker p = q.Dequeue();
            if (p.UpdateId == book.LastUpdateId) Compare(p.UpdateId, p.BidPrice, p.BidQuantity, p.AskPrice, p.AskQuantity, book);
        }
    }

    private void Compare(long id, Price bid, Quantity bidQty, Price ask, Quantity askQty, OrderBook book)
    {
        Checked++;
        if (book.BestBid == bid && book.Bids.BestQuantity == bidQty && book.BestAsk == ask && book.Asks.BestQuantity == askQty && book.IsValid)
            return;
        Mismatches++;
        if (MismatchSamples.Count < 10)
        {
            MismatchSamples.Add($"{book.Symbol} at update {id}: venue {bid} x {bidQty} / {ask} x {askQty}, " +
                                $"rebuilt {book.BestBid} x {book.Bids.BestQuantity} / {book.BestAsk} x {book.Asks.BestQuantity}");
        }
    }

    private Queue<PendingTicker> Pending(string symbol)
    {
        if (!_pending.TryGetValue(symbol, out Queue<PendingTicker>? q)) _pending[symbol] = q = new Queue<PendingTicker>();
        return q;
    }

    private readonly record struct PendingTicker(long UpdateId, Price BidPrice, Quantity BidQuantity, Price AskPrice, Quantity AskQuantity);
}
