using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>
/// A book rebuilt from the stream of market events its feed delivered, by the venue's rules. Live, recovery and
/// replay all apply the same events in the same order through this class, so they reach the same book.
/// </summary>
public sealed class BookReplica
{
    private readonly MarketMessage _scratch = new();

    public BookReplica(Venue venue, string symbol) => Sync = VenueProtocol.CreateSync(venue, symbol);

    public IBookSync Sync { get; }
    public OrderBook Book => Sync.Book;
    /// <summary>The last event applied, in its hot-path form (valid until the next <see cref="Apply"/>).</summary>
    public MarketMessage LastMessage => _scratch;

    /// <summary>Events applied since the last checkpoint restore (or creation).</summary>
    public long EventsApplied { get; private set; }

    /// <summary>Applies one event. Bad data (a crossed snapshot) is refused with <see cref="MarketDataException"/> and changes nothing.</summary>
    public SyncResult Apply(MarketEvent e)
    {
        EventsApplied++;
        if (e is FeedGap gap)
        {
            Sync.Invalidate(gap.Reason);
            return SyncResult.Gap;
        }
        _scratch.Load(e);
        return Sync.Apply(_scratch);
    }

    /// <summary>The book as a snapshot event, when the sync can be restored from the book alone; null otherwise.</summary>
    public BookSnapshot? Checkpoint()
    {
        if (!Sync.CanCheckpoint) return null;
        OrderBook b = Book;
        var levels = new LevelUpdate[b.Bids.Count + b.Asks.Count];
        int n = 0;
        foreach (BookSide side in new[] { b.Bids, b.Asks })
        {
            Span<Level> top = new Level[side.Count];
            side.CopyTop(top);
            foreach (Level l in top) levels[n++] = new LevelUpdate(side.Side, l.Price, l.Quantity);
        }
        return new BookSnapshot(b.Venue, b.Symbol, b.ExchangeTimeNs, b.ReceiveTimeNs, b.LastUpdateId, levels);
    }

    public void Restore(BookSnapshot checkpoint) =>
        Sync.Restore(checkpoint.Levels, checkpoint.UpdateId, checkpoint.ExchangeTimeNs, checkpoint.ReceiveTimeNs);
}
