using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Features;

/// <summary>
/// A book's feature child: keeps its own replica of the book from the journaled events its parent forwards (sharing
/// the parent's mutable book would not be safe), runs the incremental <see cref="FeatureEngine"/> on every book update
/// and trade, and publishes the latest vector at most every publish interval. During the parent's recovery it
/// rebuilds the same state without publishing. The seam for the prediction children: they receive the same events.
/// </summary>
public sealed class FeatureActor : ReceiveActor, IWithTimers
{
    public const string ChildName = "features";

    private readonly string _entityId;
    private readonly FeatureActorOptions _options;
    private readonly FeatureReplica _features;
    private IActorRef? _mediator;
    private FeatureSnapshot? _latest;
    private bool _hasVector;
    private bool _dirty;

    public FeatureActor(string entityId, FeatureActorOptions options, bool publish)
    {
        if (!BookId.TryParse(entityId, out Venue venue, out string symbol))
            throw new ArgumentException($"'{entityId}' is not a book id (venue:symbol)", nameof(entityId));
        _entityId = entityId;
        _options = options;
        _features = new FeatureReplica(venue, symbol, options.Features);
        if (publish) _mediator = DistributedPubSub.Get(Context.System).Mediator;

        Receive<BookRestored>(r => _features.Restore(r.Checkpoint));
        Receive<BookEventApplied>(OnEvent);
        Receive<PublishTick>(_ => PublishLatest());
        Receive<GetFeatures>(_ => Sender.Tell(Latest() is { } f ? f : new NoFeatures(_entityId)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string entityId, FeatureActorOptions options, bool publish) =>
        Akka.Actor.Props.Create(() => new FeatureActor(entityId, options, publish));

    protected override void PreStart()
    {
        if (_mediator is not null) Timers.StartPeriodicTimer("publish", PublishTick.Instance, _options.PublishInterval);
    }

    private void OnEvent(BookEventApplied applied)
    {
        if (_features.Apply(applied.Event) is null) return;
        _hasVector = true;
        _latest = null;
        _dirty |= !applied.Replaying;
    }

    private FeatureSnapshot? Latest()
    {
        if (!_hasVector) return null;
        if (_latest is null)
        {
            FeatureVector v = _features.Engine.Vector;
            _latest = new FeatureSnapshot(_entityId, v.Sequence, v.TimeNs, v.ExchangeTimeNs, v.ReceiveTimeNs, v.Schema.Names, v.Values.ToArray());
        }
        return _latest;
    }

    private void PublishLatest()
    {
        if (!_dirty || Latest() is not { } snapshot) return;
        _dirty = false;
        _mediator!.Tell(new Publish(Topics.Features, snapshot));
    }

    private sealed class PublishTick
    {
        public static readonly PublishTick Instance = new();
    }
}
