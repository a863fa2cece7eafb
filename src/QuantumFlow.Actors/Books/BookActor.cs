using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Books;

/// <summary>
/// One venue+symbol book, a sharded persistent entity. It journals every market event its feed delivers, one journal
/// entry per feed batch (tagged by venue and symbol), applies each to a <see cref="BookReplica"/> once journaled, snapshots the book every N
/// events, and on recovery replays the journal through the same replica, reaching exactly the book it had. Which
/// events of a batch are new is the <see cref="IngestLedger"/>'s decision. On a gap it asks its feed for a new
/// snapshot; until one arrives the book reports itself invalid. With no event for
/// <see cref="BookActorOptions.StaleAfter"/> it is stale: not valid, published once as such, and it answers for its
/// predictor that there is no prediction, and why.
/// </summary>
public sealed class BookActor : ReceivePersistentActor, IWithTimers
{
    private readonly string _entityId;
    private readonly BookActorOptions _options;
    private readonly BookReplica _replica;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _children = new();
    private readonly IngestLedger _ledger = new();
    private readonly System.Diagnostics.Stopwatch _recovering = System.Diagnostics.Stopwatch.StartNew();
    private IActorRef? _mediator;
    private readonly System.Diagnostics.Stopwatch _sinceEvent = System.Diagnostics.Stopwatch.StartNew();
    private DateTime _lastEventUtc = DateTime.UtcNow; // what the stale message names: fixed, so every reader sees the same text
    private bool _stale;
    private JournalEntry? _lastWritten; // what a snapshot records: the ledger may be ahead, by writes still in flight
    private long _journaled;
    private long _sinceSnapshot;
    private AwaitedCheckpoint? _awaited;
    private long _checkpoints;

    public BookActor(string entityId, BookActorOptions options, IReadOnlyDictionary<string, Props>? children = null)
    {
        if (!BookId.TryParse(entityId, out Venue venue, out string symbol))
            throw new ArgumentException($"'{entityId}' is not a book id (venue:symbol)", nameof(entityId));
        _entityId = entityId;
        _options = options;
        _replica = new BookReplica(venue, symbol);
        PersistenceId = PersistenceIdOf(entityId);

        foreach ((string name, Props props) in children ?? new Dictionary<string, Props>()) _children.Add(Context.ActorOf(props, name));

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is not BookCheckpoint c) return;
            _replica.Restore(c.Book);
            foreach (IActorRef child in _children) child.Tell(new BookRestored(c.Book, c.Pipeline));
            _ledger.Restore(c.FeedRun, c.Seq, c.LastEvent);
            _journaled = c.EventsJournaled;
        });
        Recover<JournalEntry>(entry =>
        {
            foreach (MarketEvent e in entry.Events) ApplyQuietly(e);
            _ledger.Restore(entry.FeedRun, entry.Seq, entry.LastEvent);
            _journaled += entry.Events.Count;
        });
        Recover<RecoveryCompleted>(_ =>
        {
            // An operator restarting a node wants to see that the books came back, and how long that took (`run`
            // prints these from the event stream).
            if (_journaled > 0)
                Context.System.EventStream.Publish(new BookRecovered(_entityId, _journaled, _replica.Book.State.ToString(), _recovering.Elapsed));
        });
        Command<Ingest>(OnIngest);
        Command<GetBook>(g => Sender.Tell(View(g.Depth)));
        Command<CheckFreshness>(_ => CheckStale());
        Command<IForChild>(m =>
        {
            if (_stale && m is Prediction.GetPrediction)
            {
                Sender.Tell(new Prediction.NoPrediction(_entityId) { Reason = StaleProblem() });
                return;
            }
            IActorRef child = Context.Child(m.ChildName);
            if (child.IsNobody()) Sender.Tell(new Status.Failure(new InvalidOperationException($"{_entityId} has no '{m.ChildName}' child")));
            else child.Forward(m);
        });
        // Handing a shard over: finish the writes in flight first, so the next incarnation recovers all of them.
        Command<StopBook>(_ => DeferAsync(StopBook.Instance, _ => Context.Stop(Self)));
        Command<PipelineCheckpoint>(OnPipelineCheckpoint);
        Command<CheckpointTimedOut>(t =>
        {
            if (_awaited?.Id != t.Id) return;
            _log.Warning("{0}: its pipeline did not answer a checkpoint within {1} s; the book is snapshotted without the predictor's state", _entityId, CheckpointTimeout.TotalSeconds);
            Save(_awaited, null);
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("snapshot of {0} failed: {1}", _entityId, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("deleting old snapshots of {0} failed: {1}", _entityId, f.Cause.Message));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The journal's id of a book entity (what a replay reads back).</summary>
    public static string PersistenceIdOf(string entityId) => "book|" + entityId;

    public static Props Props(string entityId, BookActorOptions options, IReadOnlyDictionary<string, Props>? children = null) =>
        Akka.Actor.Props.Create(() => new BookActor(entityId, options, children));

    protected override void PreStart()
    {
        if (_options.Publish) _mediator = DistributedPubSub.Get(Context.System).Mediator;
        TimeSpan every = TimeSpan.FromTicks(Math.Clamp(_options.StaleAfter.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
        Timers.StartPeriodicTimer(nameof(CheckFreshness), CheckFreshness.Instance, every);
        base.PreStart();
    }

    private void OnIngest(Ingest ingest)
    {
        IActorRef feed = Sender;
        // Accepted now, not when journaled: commands are not stashed during async persists, and a resend may arrive meanwhile.
        IngestDecision decision = _ledger.Accept(ingest);
        IReadOnlyList<MarketEvent> events = decision.Events;
        if (events.Count == 0)
        {
            // Nothing new (a resend, or events journaled before a restart): acknowledge once every write so far is done.
            DeferAsync(new IngestAck(_entityId, ingest.FeedRun, ingest.Seq), ack => feed.Tell(ack));
            return;
        }

        var entry = new JournalEntry(ingest.FeedRun, ingest.Seq, _ledger.LastEvent, events);
        PersistAsync(new Akka.Persistence.Journal.Tagged(entry, Tags.For(events[0])), _ =>
        {
            bool needsSnapshot = false;
            var trades = new List<MarketEvent>();
            foreach (MarketEvent e in events)
            {
                SyncResult result = ApplyLive(e);
                if (e is Trade) trades.Add(e);
                needsSnapshot |= result is SyncResult.Gap or SyncResult.SnapshotTooOld;
            }
            _lastWritten = entry;
            _sinceEvent.Restart();
            _lastEventUtc = DateTime.UtcNow;
            _stale = false;
            _journaled += events.Count;
            _sinceSnapshot += events.Count;
            feed.Tell(new IngestAck(_entityId, ingest.FeedRun, ingest.Seq));
            if (needsSnapshot && !_replica.Book.IsValid)
                feed.Tell(new SnapshotNeeded(_entityId, _replica.Book.Venue, _replica.Book.Symbol, _replica.Sync.LastProblem ?? "resync"));
            Publish(trades);
            MaybeSnapshot();
        });
    }

    private SyncResult ApplyLive(MarketEvent e)
    {
        SyncResult result;
        try
        {
            result = _replica.Apply(e);
        }
        catch (MarketDataException ex)
        {
            // Journaled already (the journal is what the feed delivered); the book refused it and is unchanged.
            _log.Warning("{0}: refused {1}: {2}", _entityId, e.GetType().Name, ex.Reason);
            return SyncResult.Ignored;
        }
        foreach (IActorRef child in _children) child.Tell(new BookEventApplied(e, Replaying: false));
        return result;
    }

    private void ApplyQuietly(MarketEvent e)
    {
        foreach (IActorRef child in _children) child.Tell(new BookEventApplied(e, Replaying: true));
        try
        {
            _replica.Apply(e);
        }
        catch (MarketDataException)
        {
            // Refused live as well: recovery reaches the same state by refusing it again.
        }
    }

    private void Publish(List<MarketEvent> trades)
    {
        if (_mediator is null) return;
        _mediator.Tell(new Publish(Topics.Books, Top(_options.PublishDepth)));
        foreach (MarketEvent t in trades) _mediator.Tell(new Publish(Topics.Trades, t));
    }

    private void MaybeSnapshot()
    {
        if (_sinceSnapshot < _options.SnapshotEvery || _lastWritten is null || _awaited is not null) return;
        BookSnapshot? book = _replica.Checkpoint();
        if (book is null) return; // mid-resync: try again after the next batch
        var checkpoint = new BookCheckpoint(_lastWritten.FeedRun, _lastWritten.Seq, _lastWritten.LastEvent, _journaled, book);
        _sinceSnapshot = 0;
        IActorRef pipeline = Context.Child(BookPipelineActor.ChildName);
        if (pipeline.IsNobody())
        {
            SaveSnapshot(checkpoint);
            return;
        }
        // The child has been sent every event up to this entry and none after it, so its answer describes the same
        // instant as the book; the journal goes on meanwhile, and the snapshot is filed at this entry's number.
        _awaited = new AwaitedCheckpoint(++_checkpoints, LastSequenceNr, checkpoint);
        pipeline.Tell(new CheckpointPipeline(_awaited.Id));
        Timers.StartSingleTimer(nameof(CheckpointTimedOut), new CheckpointTimedOut(_awaited.Id), CheckpointTimeout);
    }

    private void OnPipelineCheckpoint(PipelineCheckpoint answer)
    {
        if (_awaited is not { } awaited || awaited.Id != answer.Id) return;
        if (answer.State is null)
        {
            // A prediction waits for a batch model: try again after the next batch rather than lose the predictor's state.
            Settle();
            _sinceSnapshot = _options.SnapshotEvery;
            return;
        }
        Save(awaited, answer.State);
    }

    private void Save(AwaitedCheckpoint awaited, byte[]? pipeline)
    {
        Settle();
        // Filed at the entry the book state is from (not the latest): recovery replays every entry after it.
        SnapshotStore.Tell(new Akka.Persistence.SaveSnapshot(new SnapshotMetadata(PersistenceId, awaited.SequenceNr, DateTime.UtcNow),
            awaited.Checkpoint with { Pipeline = pipeline }));
    }

    private void Settle()
    {
        Timers.Cancel(nameof(CheckpointTimedOut));
        _awaited = null;
    }

    private static readonly TimeSpan CheckpointTimeout = TimeSpan.FromSeconds(10);

    private sealed record AwaitedCheckpoint(long Id, long SequenceNr, BookCheckpoint Checkpoint);

    private sealed record CheckpointTimedOut(long Id);

    private void CheckStale()
    {
        if (_stale || _sinceEvent.Elapsed < _options.StaleAfter) return;
        _stale = true;
        _log.Info("{0}: {1}", _entityId, StaleProblem());
        Publish([]);
    }

    private string StaleProblem() =>
        $"stale: no market data since {_lastEventUtc:yyyy-MM-dd HH:mm:ss} UTC (its feed stopped or is not running; stale after {_options.StaleAfter.TotalSeconds:0.###} s)";

    private BookTop Top(int depth)
    {
        OrderBook b = _replica.Book;
        return new BookTop(_entityId, b.IsValid && !_stale, b.LastUpdateId, b.ExchangeTimeNs, b.ReceiveTimeNs, Levels(b.Bids, depth), Levels(b.Asks, depth)) { IsStale = _stale };
    }

    private BookView View(int depth)
    {
        OrderBook b = _replica.Book;
        return new BookView(_entityId, _stale ? Stale : b.State.ToString(), b.IsValid && !_stale, b.LastUpdateId, b.ExchangeTimeNs, b.ReceiveTimeNs, _journaled,
            _replica.Sync.Resyncs, _stale ? StaleProblem() : _replica.Sync.LastProblem, Levels(b.Bids, depth), Levels(b.Asks, depth));
    }

    /// <summary>The <see cref="BookView.State"/> of a stale book.</summary>
    public const string Stale = "Stale";

    private sealed record CheckFreshness
    {
        public static readonly CheckFreshness Instance = new();
    }

    private static LevelUpdate[] Levels(BookSide side, int depth)
    {
        var top = new Level[Math.Min(Math.Max(depth, 0), side.Count)];
        side.CopyTop(top);
        return top.Select(l => new LevelUpdate(side.Side, l.Price, l.Quantity)).ToArray();
    }
}
