using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using QuantumFlow.Actors.Books;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>
/// What every feed actor shares: a <see cref="FeedPipeline"/> for a random feed run, sending each book's batches to
/// <c>books</c> (the shard region in production), taking the next batch on each ack, resending overdue batches, and
/// answering <see cref="GetFeedStatus"/>. Subclasses feed the pipeline and call <see cref="Flush"/>.
/// </summary>
public abstract class FeedActor : ReceiveActor, IWithTimers
{
    private readonly List<Ingest> _batches = new();
    private readonly IActorRef _books;
    private readonly DeliveryOptions _delivery;

    protected FeedActor(Venue venue, IActorRef books, DeliveryOptions delivery, bool decodes = true)
    {
        _books = books;
        _delivery = delivery;
        Pipeline = new FeedPipeline(venue, NewFeedRun(), delivery, decodes);
        Receive<IngestAck>(OnAck);
        Receive<ResendOverdue>(_ =>
        {
            _batches.Clear();
            Pipeline.Outbox.Overdue(WallClock.NowMs(), _batches);
            foreach (Ingest b in _batches) _books.Tell(b, Self);
        });
        Receive<ClusterEvent.MemberRemoved>(_ => Timers.StartSingleTimer(nameof(ResendInFlight), ResendInFlight.Instance, ResendInFlight.AfterRemoval));
        Receive<ResendInFlight>(_ =>
        {
            _batches.Clear();
            Pipeline.Outbox.InFlight(WallClock.NowMs(), _batches);
            foreach (Ingest b in _batches) _books.Tell(b, Self);
        });
        Receive<GetFeedStatus>(_ => Sender.Tell(Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;
    protected FeedPipeline Pipeline { get; }
    protected FeedState State { get; set; } = FeedState.Connecting;
    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    protected static long NewFeedRun() => Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>What <see cref="GetFeedStatus"/> answers; a feed with more to say (a replay's position) adds it.</summary>
    protected virtual FeedStatus Status() => Pipeline.Status(State);

    protected override void PreStart()
    {
        TimeSpan every = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 10, _delivery.AckTimeout.Ticks / 2));
        Timers.StartPeriodicTimer(nameof(ResendOverdue), ResendOverdue.Instance, every);
        // Books are re-hosted by their feed, not by whoever asks next: when a node is removed, the books it hosted have
        // a batch in flight that went nowhere, and waiting out the ack timeout would add seconds to every failover.
        if (IsCluster(Context.System)) Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop()
    {
        if (IsCluster(Context.System)) Cluster.Get(Context.System).Unsubscribe(Self);
        base.PostStop();
    }

    private static bool IsCluster(ActorSystem system) => ((ExtendedActorSystem)system).Provider is IClusterActorRefProvider;

    /// <summary>Sends every book's next batch where none is in flight.</summary>
    protected void Flush()
    {
        _batches.Clear();
        Pipeline.Outbox.TakeBatches(WallClock.NowMs(), _batches);
        foreach (Ingest b in _batches) _books.Tell(b, Self);
    }

    /// <summary>Called after an ack settled a batch (a replay resumes reading here).</summary>
    protected virtual void OnAcked() { }

    private void OnAck(IngestAck ack)
    {
        if (Pipeline.Outbox.OnAck(ack, WallClock.NowMs()) is { } next) _books.Tell(next, Self);
        OnAcked();
    }

    private sealed record ResendOverdue
    {
        public static readonly ResendOverdue Instance = new();
    }

    /// <summary>
    /// Resend every batch in flight, shortly after a member was removed. Not at once: the shard region learns of the
    /// removal from the same gossip, and a batch it routes before then still goes to the dead node; by this delay it
    /// has forgotten that node's shards and buffers the batch until the coordinator has placed the shard again.
    /// </summary>
    private sealed record ResendInFlight
    {
        public static readonly ResendInFlight Instance = new();
        public static readonly TimeSpan AfterRemoval = TimeSpan.FromMilliseconds(500);
    }
}
