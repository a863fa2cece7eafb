using QuantumFlow.Actors.Books;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds;

/// <summary>
/// A feed's delivery of one book's events: one batch in flight at a time, everything that arrives meanwhile goes into
/// the next batch (so journal writes batch themselves under load), a batch is resent until acknowledged, and the
/// backlog is bounded. Events are numbered per book and feed run as they leave in batches, so a book can tell a
/// resent or re-read event from a new one whatever the batch boundaries (a resumed replay re-reads from its last
/// checkpoint and batches differently). Pure: the owning actor sends what <see cref="TakeBatch"/> returns and reports
/// acks and timeouts.
/// </summary>
public sealed class IngestChannel
{
    private readonly List<MarketEvent> _pending = new();
    private Ingest? _inFlight;
    private long _nextSeq = 1;
    private long _nextEvent = 1;

    public IngestChannel(string entityId, long feedRun, int maxBatch = 1000, int maxBacklog = 200_000)
    {
        EntityId = entityId;
        FeedRun = feedRun;
        MaxBatch = maxBatch;
        MaxBacklog = maxBacklog;
    }

    public string EntityId { get; }
    public long FeedRun { get; }
    public int MaxBatch { get; }
    public int MaxBacklog { get; }
    public int Backlog => _pending.Count;
    /// <summary>Events given to this channel so far and not dropped: numbered ones and pending ones.</summary>
    public long Queued => _nextEvent - 1 + _pending.Count;
    /// <summary>The number of the last event of the last acknowledged batch (0: none yet).</summary>
    public long Acknowledged { get; private set; }
    public bool IsFull => _pending.Count >= MaxBacklog;
    public bool HasInFlight => _inFlight is not null;
    /// <summary>Events dropped because the backlog was full (the book is told with a <see cref="FeedGap"/>).</summary>
    public long Dropped { get; private set; }

    /// <summary>
    /// Queues an event. When the backlog is full, it is dropped whole and replaced by a <see cref="FeedGap"/>: a book
    /// with a hole cannot be rebuilt anyway, so it resyncs from its next snapshot. Replays check <see cref="IsFull"/>
    /// and slow down instead.
    /// </summary>
    public void Add(MarketEvent e)
    {
        if (_pending.Count >= MaxBacklog)
        {
            Dropped += _pending.Count;
            _pending.Clear();
            _pending.Add(new FeedGap(e.Venue, e.Symbol, e.ExchangeTimeNs, e.ReceiveTimeNs, "feed backlog overflow: events dropped"));
        }
        _pending.Add(e);
    }

    /// <summary>The next batch to send, or null when one is in flight or nothing is pending.</summary>
    public Ingest? TakeBatch()
    {
        if (_inFlight is not null || _pending.Count == 0) return null;
        int n = Math.Min(MaxBatch, _pending.Count);
        var events = _pending.GetRange(0, n).ToArray();
        _pending.RemoveRange(0, n);
        _inFlight = new Ingest(EntityId, FeedRun, _nextSeq++, _nextEvent, events);
        _nextEvent += n;
        return _inFlight;
    }

    /// <summary>The batch to send again after a timeout (the book may never have received it).</summary>
    public Ingest? Unacknowledged => _inFlight;

    /// <summary>Returns true when the ack settles the batch in flight.</summary>
    public bool OnAck(IngestAck ack)
    {
        if (_inFlight is null || ack.FeedRun != FeedRun || ack.Seq != _inFlight.Seq) return false;
        Acknowledged = _inFlight.FirstEvent + _inFlight.Events.Count - 1;
        _inFlight = null;
        return true;
    }

    /// <summary>
    /// Numbers the pending events as if sent and acknowledged, and forgets them: a resumed replay re-reads what its
    /// books journaled before the restart only to number the events as the first run did.
    /// </summary>
    public void SkipPending()
    {
        if (_inFlight is not null) throw new InvalidOperationException("a batch is in flight");
        _nextEvent += _pending.Count;
        _pending.Clear();
        Acknowledged = _nextEvent - 1;
    }
}
