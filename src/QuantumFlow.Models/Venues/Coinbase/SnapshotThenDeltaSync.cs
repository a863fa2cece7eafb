using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues.Coinbase;

/// <summary>
/// Coinbase's level2 rule for one product: a snapshot replaces the book, updates apply on top of it. Gaps are seen
/// at the connection (sequence_num covers every channel), which calls <see cref="Invalidate"/>; until the new
/// subscription's snapshot arrives, updates are dropped.
/// </summary>
public sealed class SnapshotThenDeltaSync : IBookSync
{
    public SnapshotThenDeltaSync(Venue venue, string symbol) => Book = new OrderBook(venue, symbol);

    public OrderBook Book { get; }
    public int Resyncs { get; private set; }
    public string? LastProblem { get; private set; }

    public bool CanCheckpoint => Book.State == BookState.Synced;

    public void Restore(ReadOnlySpan<LevelUpdate> levels, long updateId, long exchangeTimeNs, long receiveTimeNs) =>
        Book.ApplySnapshot(levels, updateId, exchangeTimeNs, receiveTimeNs);

    public SyncResult Apply(MarketMessage message)
    {
        switch (message.Kind)
        {
            case MessageKind.Snapshot:
                try
                {
                    Book.ApplySnapshot(message.Levels, message.LastUpdateId, message.ExchangeTimeNs, message.ReceiveTimeNs);
                }
                catch (InvalidDataException e)
                {
                    throw new MarketDataException(Book.Venue, e.Message);
                }
                return SyncResult.SnapshotApplied;
            case MessageKind.Delta:
                if (Book.State != BookState.Synced) return SyncResult.Dropped;
                if (!Book.ApplyDelta(message.Levels, message.LastUpdateId, message.ExchangeTimeNs, message.ReceiveTimeNs))
                {
                    Resyncs++;
                    LastProblem = $"book crossed after update {message.LastUpdateId}: bid {Book.BestBid} >= ask {Book.BestAsk}";
                    Book.MarkResyncing();
                    return SyncResult.Gap;
                }
                return SyncResult.Applied;
            default:
                return SyncResult.Ignored;
        }
    }

    public void Invalidate(string reason)
    {
        if (Book.State == BookState.Synced) Resyncs++;
        LastProblem = reason;
        Book.MarkResyncing();
    }
}
