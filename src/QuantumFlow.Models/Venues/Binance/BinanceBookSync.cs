using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues.Binance;

/// <summary>
/// Binance's "how to manage a local order book correctly", for spot (U == previous u + 1) and futures
/// (pu == previous u). Diffs are buffered until a snapshot arrives; diffs older than the snapshot are dropped; the first
/// diff applied must bracket the snapshot; any break puts the book into <see cref="BookState.Resyncing"/> and buffering
/// starts again from the breaking diff, waiting for a new snapshot.
/// </summary>
public sealed class BinanceBookSync : IBookSync
{
    /// <summary>Enough for minutes of a busy futures feed while a snapshot is fetched; older diffs are dropped.</summary>
    public const int MaxBuffered = 20_000;

    private readonly bool _futures;
    private readonly Queue<BufferedDiff> _buffer = new();
    private readonly Stack<BufferedDiff> _spare = new();
    private bool _firstAfterSnapshot;

    public BinanceBookSync(Venue venue, string symbol)
    {
        if (venue is not (Venue.BinanceSpot or Venue.BinanceUsdm or Venue.BinanceCoinm))
            throw new ArgumentException($"{venue} is not a Binance venue", nameof(venue));
        _futures = venue != Venue.BinanceSpot;
        Book = new OrderBook(venue, symbol);
    }

    public OrderBook Book { get; }
    public int Resyncs { get; private set; }
    public string? LastProblem { get; private set; }
    public int BufferedCount => _buffer.Count;

    /// <summary>The first U of the buffered diffs, which a snapshot must reach (<see cref="MarketMessage.NoId"/> when none).</summary>
    public long FirstBufferedId => _buffer.Count == 0 ? MarketMessage.NoId : _buffer.Peek().First;

    public bool CanCheckpoint => Book.State == BookState.Synced && !_firstAfterSnapshot && _buffer.Count == 0;

    public void Restore(ReadOnlySpan<LevelUpdate> levels, long updateId, long exchangeTimeNs, long receiveTimeNs)
    {
        ClearBuffer();
        Book.ApplySnapshot(levels, updateId, exchangeTimeNs, receiveTimeNs);
        _firstAfterSnapshot = false;
    }

    public SyncResult Apply(MarketMessage message) => message.Kind switch
    {
        MessageKind.Snapshot => OnSnapshot(message),
        MessageKind.Delta => OnDiff(message),
        _ => SyncResult.Ignored,
    };

    public void Invalidate(string reason)
    {
        if (Book.State == BookState.Synced) Resyncs++;
        LastProblem = reason;
        Book.MarkResyncing();
        ClearBuffer();
    }

    private SyncResult OnSnapshot(MarketMessage snapshot)
    {
        long id = snapshot.LastUpdateId;
        if (Book.State == BookState.Synced && id <= Book.LastUpdateId)
            return SyncResult.Stale; // already past it: an older view of a book we hold exactly
        if (_buffer.Count > 0 && id < _buffer.Peek().First)
        {
            LastProblem = $"snapshot lastUpdateId {id} is older than the first buffered diff U {_buffer.Peek().First}";
            return SyncResult.SnapshotTooOld;
        }
        try
        {
            Book.ApplySnapshot(snapshot.Levels, id, snapshot.ExchangeTimeNs, snapshot.ReceiveTimeNs);
        }
        catch (InvalidDataException e)
        {
            throw new MarketDataException(Book.Venue, e.Message);
        }
        _firstAfterSnapshot = true;
        while (_buffer.Count > 0)
        {
            BufferedDiff d = _buffer.Dequeue();
            SyncResult r = ApplySynced(d.First, d.Last, d.Prev, d.Levels.AsSpan(0, d.Count), d.ExchangeTimeNs, d.ReceiveTimeNs);
            _spare.Push(d);
            if (r == SyncResult.Gap)
            {
                ClearBuffer();
                return SyncResult.Gap;
            }
        }
        return SyncResult.SnapshotApplied;
    }

    private SyncResult OnDiff(MarketMessage diff)
    {
        if (Book.State != BookState.Synced)
        {
            Buffer(diff);
            return SyncResult.Buffered;
        }
        SyncResult r = ApplySynced(diff.FirstUpdateId, diff.LastUpdateId, diff.PrevUpdateId, diff.Levels, diff.ExchangeTimeNs, diff.ReceiveTimeNs);
        if (r == SyncResult.Gap) Buffer(diff); // the procedure restarts: buffer from here and fetch a new snapshot
        return r;
    }

    private SyncResult ApplySynced(long first, long last, long prev, ReadOnlySpan<LevelUpdate> levels, long exchangeNs, long receiveNs)
    {
        long local = Book.LastUpdateId;
        if (_firstAfterSnapshot)
        {
            // Spot: drop u <= lastUpdateId. Futures: drop u < lastUpdateId. Then U must reach the snapshot.
            if (_futures ? last < local : last <= local) return SyncResult.Stale;
            bool brackets = _futures ? first <= local : first <= local + 1;
            if (!brackets) return Break($"first diff after the snapshot (U {first}, u {last}) does not reach lastUpdateId {local}");
        }
        else
        {
            if (last <= local) return SyncResult.Stale;
            if (_futures)
            {
                if (prev != local) return Break($"pu {prev} != previous u {local} (diff U {first}, u {last})");
            }
            else if (first != local + 1)
            {
                return Break(first > local + 1
                    ? $"missed updates {local + 1}..{first - 1} (diff U {first}, u {last})"
                    : $"diff U {first}..u {last} overlaps the book at {local}");
            }
        }
        _firstAfterSnapshot = false;
        if (!Book.ApplyDelta(levels, last, exchangeNs, receiveNs))
            return Break($"book crossed after diff u {last}: bid {Book.BestBid} >= ask {Book.BestAsk}");
        return SyncResult.Applied;
    }

    private SyncResult Break(string problem)
    {
        Resyncs++;
        LastProblem = problem;
        Book.MarkResyncing();
        return SyncResult.Gap;
    }

    private void Buffer(MarketMessage diff)
    {
        if (_buffer.Count >= MaxBuffered) _spare.Push(_buffer.Dequeue());
        BufferedDiff d = _spare.Count > 0 ? _spare.Pop() : new BufferedDiff();
        d.First = diff.FirstUpdateId;
        d.Last = diff.LastUpdateId;
        d.Prev = diff.PrevUpdateId;
        d.ExchangeTimeNs = diff.ExchangeTimeNs;
        d.ReceiveTimeNs = diff.ReceiveTimeNs;
        ReadOnlySpan<LevelUpdate> levels = diff.Levels;
        if (d.Levels.Length < levels.Length) d.Levels = new LevelUpdate[Math.Max(levels.Length, 2 * d.Levels.Length)];
        levels.CopyTo(d.Levels);
        d.Count = levels.Length;
        _buffer.Enqueue(d);
    }

    private void ClearBuffer()
    {
        while (_buffer.Count > 0) _spare.Push(_buffer.Dequeue());
    }

    private sealed class BufferedDiff
    {
        public long First, Last, Prev, ExchangeTimeNs, ReceiveTimeNs;
        public LevelUpdate[] Levels = new LevelUpdate[16];
        public int Count;
    }
}
