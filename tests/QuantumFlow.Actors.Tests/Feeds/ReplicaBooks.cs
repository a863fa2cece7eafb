using Akka.Actor;
using QuantumFlow.Actors.Books;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Tests.Feeds;

/// <summary>
/// Stands in for the book shard region: applies every <see cref="Ingest"/> batch to a <see cref="BookReplica"/> per
/// entity (skipping events it already applied with the real book's <see cref="IngestLedger"/>), acknowledges it, and asks the feed for a
/// snapshot when a batch leaves the book resyncing. Checks every bookTicker that describes an applied update id.
/// </summary>
public sealed class ReplicaBooks : ReceiveActor
{
    private readonly Dictionary<string, Entry> _books = new();
    private int _acksToSwallow;

    public ReplicaBooks(int acksToSwallow)
    {
        _acksToSwallow = acksToSwallow;
        Receive<Ingest>(OnIngest);
        Receive<Query>(q => Sender.Tell(View(q.EntityId)));
    }

    public static Props Props(int acksToSwallow = 0) => Akka.Actor.Props.Create(() => new ReplicaBooks(acksToSwallow));

    public sealed record Query(string EntityId);

    /// <summary>A copy of one replica's state, safe to read on the test thread.</summary>
    public sealed record ReplicaView(
        string EntityId, bool Exists, bool IsValid, BookState State, long LastUpdateId, int Resyncs, string? LastProblem,
        long Batches, long DuplicateBatches, long Events, int SnapshotRequests, long TickerMatches, long TickerMismatches,
        long TickerMatchesSinceLastResync, Level[] Bids, Level[] Asks);

    private sealed class Entry(BookReplica replica)
    {
        public readonly BookReplica Replica = replica;
        public readonly IngestLedger Ledger = new();
        public long Batches, Duplicates, Events, TickerMatches, TickerMismatches, TickerSinceResync;
        public int SnapshotRequests;
    }

    private void OnIngest(Ingest batch)
    {
        if (!BookId.TryParse(batch.EntityId, out Venue venue, out string symbol)) throw new ArgumentException(batch.EntityId);
        if (!_books.TryGetValue(batch.EntityId, out Entry? entry))
            _books.Add(batch.EntityId, entry = new Entry(new BookReplica(venue, symbol)));
        IngestDecision decision = entry.Ledger.Accept(batch);
        if (decision.IsDuplicate)
        {
            entry.Duplicates++;
            Ack(batch);
            return;
        }
        entry.Batches++;
        string? resync = null;
        foreach (MarketEvent e in decision.Events)
        {
            entry.Events++;
            SyncResult r;
            try
            {
                r = entry.Replica.Apply(e);
            }
            catch (MarketDataException ex)
            {
                resync = ex.Message;
                continue;
            }
            if (r is SyncResult.Gap or SyncResult.SnapshotTooOld)
            {
                resync = entry.Replica.Sync.LastProblem ?? r.ToString();
                entry.TickerSinceResync = 0;
            }
            if (e is BestBidAsk q) CheckTicker(entry, q);
        }
        if (resync is not null && !entry.Replica.Book.IsValid)
        {
            entry.SnapshotRequests++;
            Sender.Tell(new SnapshotNeeded(batch.EntityId, venue, symbol, resync));
        }
        Ack(batch);
    }

    private void Ack(Ingest batch)
    {
        if (_acksToSwallow > 0)
        {
            _acksToSwallow--;
            return;
        }
        Sender.Tell(new IngestAck(batch.EntityId, batch.FeedRun, batch.Seq));
    }

    private static void CheckTicker(Entry entry, BestBidAsk q)
    {
        OrderBook book = entry.Replica.Book;
        if (!book.IsValid || q.UpdateId != book.LastUpdateId) return;
        bool same = book.BestBid == q.BidPrice && book.Bids.BestQuantity == q.BidQuantity &&
                    book.BestAsk == q.AskPrice && book.Asks.BestQuantity == q.AskQuantity;
        if (same)
        {
            entry.TickerMatches++;
            entry.TickerSinceResync++;
        }
        else entry.TickerMismatches++;
    }

    private ReplicaView View(string id)
    {
        if (!_books.TryGetValue(id, out Entry? e))
            return new ReplicaView(id, false, false, BookState.AwaitingSnapshot, -1, 0, null, 0, 0, 0, 0, 0, 0, 0, [], []);
        OrderBook b = e.Replica.Book;
        return new ReplicaView(id, true, b.IsValid, b.State, b.LastUpdateId, e.Replica.Sync.Resyncs, e.Replica.Sync.LastProblem,
            e.Batches, e.Duplicates, e.Events, e.SnapshotRequests, e.TickerMatches, e.TickerMismatches, e.TickerSinceResync,
            Levels(b.Bids), Levels(b.Asks));
    }

    public static Level[] Levels(BookSide side)
    {
        var levels = new Level[side.Count];
        side.CopyTop(levels);
        return levels;
    }
}
