using QuantumFlow.Actors.Books;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>
/// One feed run's deliveries to all its books: an <see cref="IngestChannel"/> per book, created on first sight, and
/// when each batch in flight was last sent, so overdue ones can be resent. Pure: the actor sends what it is given.
/// </summary>
public sealed class FeedOutbox
{
    private readonly Dictionary<string, IngestChannel> _channels = new();
    private readonly Dictionary<string, long> _sentAtMs = new();
    private readonly DeliveryOptions _options;

    public FeedOutbox(long feedRun, DeliveryOptions options)
    {
        FeedRun = feedRun;
        _options = options;
    }

    public long FeedRun { get; }
    public long Resends { get; private set; }
    public IReadOnlyCollection<IngestChannel> Channels => _channels.Values;

    /// <summary>
    /// True when some book's backlog is so close to full that the next payload might overflow it (one payload can
    /// carry many events: a Coinbase message with a burst of trades, a gap for every book): a replay or simulation must
    /// wait for acks before reading on, so that it never drops anything.
    /// </summary>
    public bool IsFull
    {
        get
        {
            int reserve = Math.Max(1, Math.Min(1024, _options.MaxBacklog / 4));
            foreach (IngestChannel c in _channels.Values) if (c.Backlog >= c.MaxBacklog - reserve) return true;
            return false;
        }
    }

    /// <summary>Nothing pending and nothing awaiting an ack.</summary>
    public bool IsIdle
    {
        get
        {
            foreach (IngestChannel c in _channels.Values) if (c.Backlog > 0 || c.HasInFlight) return false;
            return true;
        }
    }

    public void Add(MarketEvent e)
    {
        string id = BookId.Of(e.Venue, e.Symbol);
        if (!_channels.TryGetValue(id, out IngestChannel? channel))
        {
            channel = new IngestChannel(id, FeedRun, _options.MaxBatch, _options.MaxBacklog);
            _channels.Add(id, channel);
        }
        channel.Add(e);
    }

    /// <summary>Appends a batch for every book that has events pending and none in flight.</summary>
    public void TakeBatches(long nowMs, List<Ingest> output)
    {
        foreach (IngestChannel c in _channels.Values)
        {
            if (c.TakeBatch() is { } batch)
            {
                _sentAtMs[c.EntityId] = nowMs;
                output.Add(batch);
            }
        }
    }

    /// <summary>Settles an ack; returns that book's next batch, if any. Acks of other runs or old batches are ignored.</summary>
    public Ingest? OnAck(IngestAck ack, long nowMs)
    {
        if (ack.FeedRun != FeedRun || !_channels.TryGetValue(ack.EntityId, out IngestChannel? c) || !c.OnAck(ack)) return null;
        Ingest? next = c.TakeBatch();
        if (next is not null) _sentAtMs[c.EntityId] = nowMs;
        return next;
    }

    /// <summary>Appends the batches in flight for longer than the ack timeout (and restarts their clocks).</summary>
    public void Overdue(long nowMs, List<Ingest> output)
    {
        long timeout = (long)_options.AckTimeout.TotalMilliseconds;
        foreach (IngestChannel c in _channels.Values)
        {
            if (c.Unacknowledged is not { } batch || nowMs - _sentAtMs[c.EntityId] < timeout) continue;
            _sentAtMs[c.EntityId] = nowMs;
            Resends++;
            output.Add(batch);
        }
    }

    /// <summary>Appends every batch in flight, however recently sent (and restarts their clocks): the book that had it may be gone.</summary>
    public void InFlight(long nowMs, List<Ingest> output)
    {
        foreach (IngestChannel c in _channels.Values)
        {
            if (c.Unacknowledged is not { } batch) continue;
            _sentAtMs[c.EntityId] = nowMs;
            Resends++;
            output.Add(batch);
        }
    }

    /// <summary>How many events each book has been given so far (see <see cref="Acknowledges"/>).</summary>
    public IReadOnlyDictionary<string, long> Queued() => _channels.Values.ToDictionary(c => c.EntityId, c => c.Queued);

    /// <summary>True once every book has acknowledged at least the events counted in <paramref name="queued"/>.</summary>
    public bool Acknowledges(IReadOnlyDictionary<string, long> queued)
    {
        foreach ((string id, long count) in queued)
            if (!_channels.TryGetValue(id, out IngestChannel? c) || c.Acknowledged < count) return false;
        return true;
    }

    /// <summary>Numbers every pending event as delivered and forgets it (<see cref="IngestChannel.SkipPending"/>).</summary>
    public void SkipPending()
    {
        foreach (IngestChannel c in _channels.Values) c.SkipPending();
    }

    public IReadOnlyList<BookBacklog> Backlogs() =>
        _channels.Values.Select(c => new BookBacklog(c.EntityId, c.Backlog, c.HasInFlight, c.Dropped) { Events = c.Queued, Acknowledged = c.Acknowledged }).OrderBy(b => b.EntityId, StringComparer.Ordinal).ToList();
}
