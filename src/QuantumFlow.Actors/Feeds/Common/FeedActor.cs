using Akka.Actor;
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
        Receive<GetFeedStatus>(_ => Sender.Tell(Pipeline.Status(State)));
    }

    public ITimerScheduler Timers { get; set; } = null!;
    protected FeedPipeline Pipeline { get; }
    protected FeedState State { get; set; } = FeedState.Connecting;
    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    protected static long NewFeedRun() => Random.Shared.NextInt64(1, long.MaxValue);

    protected override void PreStart()
    {
        TimeSpan every = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 10, _delivery.AckTimeout.Ticks / 2));
        Timers.StartPeriodicTimer(nameof(ResendOverdue), ResendOverdue.Instance, every);
    }

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
}
