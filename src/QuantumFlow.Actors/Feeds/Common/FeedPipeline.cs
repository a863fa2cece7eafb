using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>
/// What every feed does between its source and the books, without Akka: decode payloads (counting the bad ones
/// instead of failing), announce connections, queue the events per book, and keep the operator's counters.
/// </summary>
public sealed class FeedPipeline
{
    private readonly List<MarketEvent> _events = new();
    private readonly DeliveryOptions _delivery;

    public FeedPipeline(Venue venue, long feedRun, DeliveryOptions delivery, bool decodes = true)
    {
        Venue = venue;
        _delivery = delivery;
        Decoder = decodes ? new FeedDecoder(venue) : null;
        Outbox = new FeedOutbox(feedRun, delivery);
    }

    public Venue Venue { get; }
    /// <summary>Null for a source that produces events itself (the simulator).</summary>
    public FeedDecoder? Decoder { get; }
    public FeedOutbox Outbox { get; private set; }
    public int Connects { get; private set; }
    public long Messages { get; private set; }
    public long BadMessages { get; private set; }
    public long SnapshotsFetched { get; set; }
    public string? LastError { get; set; }
    private long _resendsOfEarlierRuns;

    /// <summary>Decodes one payload and queues its events; a bad payload is counted and skipped.</summary>
    /// <returns>false when the payload was bad.</returns>
    public bool Decode(ReadOnlySpan<byte> payload, long receiveTimeNs, string? snapshotSymbol = null)
    {
        if (Decoder is null) throw new InvalidOperationException("this pipeline does not decode");
        _events.Clear();
        try
        {
            Decoder.Decode(payload, receiveTimeNs, snapshotSymbol, _events);
        }
        catch (MarketDataException e)
        {
            BadMessages++;
            LastError = e.Message;
            return false;
        }
        Messages++;
        foreach (MarketEvent e in _events) Outbox.Add(e);
        return true;
    }

    /// <summary>A payload that could not even be framed (a recording's broken line): counted like a bad message.</summary>
    public void Bad(string error)
    {
        BadMessages++;
        LastError = error;
    }

    /// <summary>A (re)connection: every book of the connection gets a <see cref="FeedGap"/>, since it missed what came meanwhile.</summary>
    public void Connected(long receiveTimeNs, string reason)
    {
        Connects++;
        if (Decoder is null) return;
        _events.Clear();
        Decoder.OnConnected(receiveTimeNs, reason, _events);
        foreach (MarketEvent e in _events) Outbox.Add(e);
    }

    public void Add(MarketEvent e)
    {
        Messages++;
        Outbox.Add(e);
    }

    /// <summary>Starts a new feed run (a replay loop): fresh channels whose batches the books cannot mistake for the old run's.</summary>
    public void NewRun(long feedRun)
    {
        if (!Outbox.IsIdle) throw new InvalidOperationException("the previous run still has events to deliver");
        _resendsOfEarlierRuns += Outbox.Resends;
        Outbox = new FeedOutbox(feedRun, _delivery);
    }

    public FeedStatus Status(FeedState state) => new(
        Venue, state, Outbox.FeedRun, Connects, Math.Max(0, Connects - 1), Messages, BadMessages, SnapshotsFetched,
        _resendsOfEarlierRuns + Outbox.Resends, LastError, Outbox.Backlogs());
}
