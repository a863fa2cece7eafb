using Akka.Actor;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Tests.Cluster;

/// <summary>
/// Test feed: delivers prepared events for many books through the shard region with acknowledged batches, resending
/// any batch not acknowledged in time (a node may die with it), and tells <c>done</c> when every batch is acknowledged.
/// Reports progress on <see cref="GetProgress"/>.
/// </summary>
public sealed class IngestDriver : ReceiveActor, IWithTimers
{
    public sealed record GetProgress;
    public sealed record Progress(long Acked, long Total, long Resends);
    public sealed record Finished(long Resends);
    private sealed record Resend;

    private readonly Dictionary<string, (IngestChannel Channel, Queue<MarketEvent> Pending)> _books = new();
    private readonly Dictionary<string, DateTime> _sentAt = new();
    private readonly IActorRef _region;
    private readonly IActorRef _done;
    private readonly int _batch;
    private long _acked, _resends;
    private readonly long _total;

    public ITimerScheduler Timers { get; set; } = null!;

    public IngestDriver(IActorRef region, IReadOnlyDictionary<string, List<MarketEvent>> events, int batch, IActorRef done)
    {
        _region = region;
        _done = done;
        _batch = batch;
        long run = Random.Shared.NextInt64(1, long.MaxValue);
        foreach ((string id, List<MarketEvent> list) in events)
        {
            _books[id] = (new IngestChannel(id, run, maxBatch: batch), new Queue<MarketEvent>(list));
            _total += list.Count;
        }
        Receive<IngestAck>(OnAck);
        Receive<Resend>(_ => ResendLate());
        Receive<GetProgress>(_ => Sender.Tell(new Progress(_acked, _total, _resends)));
        Receive<SnapshotNeeded>(_ => { }); // recorded data: no new snapshot to offer
    }

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("resend", new Resend(), TimeSpan.FromSeconds(1));
        foreach (string id in _books.Keys) SendNext(id);
    }

    private void SendNext(string id)
    {
        (IngestChannel channel, Queue<MarketEvent> rest) = _books[id];
        for (int i = 0; i < _batch && rest.Count > 0; i++) channel.Add(rest.Dequeue());
        if (channel.TakeBatch() is { } batch)
        {
            _region.Tell(batch);
            _sentAt[id] = DateTime.UtcNow;
        }
    }

    private void OnAck(IngestAck ack)
    {
        if (!_books.TryGetValue(ack.EntityId, out var book)) return;
        int size = book.Channel.Unacknowledged?.Events.Count ?? 0;
        if (!book.Channel.OnAck(ack)) return;
        _acked += size;
        _sentAt.Remove(ack.EntityId);
        SendNext(ack.EntityId);
        if (_acked == _total) _done.Tell(new Finished(_resends));
    }

    private void ResendLate()
    {
        DateTime now = DateTime.UtcNow;
        foreach ((string id, DateTime at) in _sentAt.ToList())
        {
            if (now - at < TimeSpan.FromSeconds(3) || _books[id].Channel.Unacknowledged is not { } batch) continue;
            _region.Tell(batch);
            _sentAt[id] = now;
            _resends++;
        }
    }
}
