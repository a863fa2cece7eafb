using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Actors.Books;

/// <summary>
/// A book's one child: its features and its predictions. It keeps one replica of the book with one
/// <see cref="FeatureEngine"/> from the journaled events its parent forwards (sharing the parent's mutable book would
/// not be safe across actors), and every feature vector, computed once per book update, feeds both the predictor and
/// the feature publication (the latest vector at most every publish interval, latest wins; <see cref="GetFeatures"/>).
/// <para>
/// Predictions (when <see cref="PredictionOptions.Enabled"/>): per valid book update the online learners and the
/// exported networks (this book's state of each, <see cref="IIncrementalModel"/>) answer at once, on this actor's
/// thread; the node's batch model actors (Torch modules, if configured) are asked, and when all have answered the
/// ensemble mixes them into a <see cref="PredictionEvent"/>, published on <see cref="Topics.Predictions"/> (cluster)
/// and the local event stream; <see cref="GetPrediction"/> answers the latest (a failure when prediction is off, as
/// a book without this child answers). The logic is the pure
/// <see cref="BookPredictor"/> (shared with the backtest's replay) behind a <see cref="HoldBackQueue"/>, which keeps
/// the events in order while a slow batch model holds a vector back; this actor only moves messages.
/// </para>
/// <para>
/// Checkpoints: when its parent snapshots, it asks for this actor's state after the same event
/// (<see cref="CheckpointPipeline"/>): the feature engine and the whole predictor, saved with the book. During the
/// parent's recovery it is given that state back (<see cref="BookRestored"/>) and the journal's later events (marked
/// replaying), which it predicts from again without publishing, so after a restart or a shard handover it predicts,
/// learns and weighs exactly as a run that never stopped.
/// </para>
/// </summary>
public sealed class BookPipelineActor : ReceiveActor, IWithTimers, IHoldBackOutlet
{
    public const string ChildName = "pipeline";

    private readonly string _entityId;
    private readonly FeaturePublishOptions _publication;
    private readonly PredictionOptions _prediction;
    private readonly FeatureReplica _features;
    private readonly BookPredictor? _predictor;
    private readonly HoldBackQueue? _queue;
    private readonly IActorRef? _mediator;
    private IActorRef[] _models = [];
    private FeatureSnapshot? _latestFeatures;
    private bool _hasVector;
    private bool _dirty;
    private PredictionEvent? _latestPrediction;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _restoringState;

    public BookPipelineActor(string entityId, FeaturePublishOptions publication, PredictionOptions prediction, bool publish)
    {
        if (!BookId.TryParse(entityId, out Venue venue, out string symbol))
            throw new ArgumentException($"'{entityId}' is not a book id (venue:symbol)", nameof(entityId));
        _entityId = entityId;
        _publication = publication;
        _prediction = prediction;
        if (prediction.Enabled)
        {
            _predictor = prediction.CreatePredictor(venue, symbol, copyWindows: true);
            _features = _predictor.Features;
            _queue = new HoldBackQueue(_predictor, this);
        }
        else
        {
            _features = new FeatureReplica(venue, symbol, prediction.Features);
        }
        if (publish) _mediator = DistributedPubSub.Get(Context.System).Mediator;

        Receive<BookEventApplied>(OnEvent);
        Receive<BookRestored>(r =>
        {
            // No state at all is normal (a journal written by import, or by an earlier version): not worth a warning.
            _restoringState = r.PipelineState is not null;
            if (_queue is null) OnRestored(_features.Restore(r.Checkpoint, r.PipelineState));
            else _queue.Restore(r.Checkpoint, r.PipelineState);
        });
        Receive<CheckpointPipeline>(c =>
        {
            if (_queue is null) OnCheckpoint(c.Id, _features.SaveState());
            else _queue.Checkpoint(c.Id);
        });
        Receive<ModelReply>(r => _queue?.Answer(r.Sequence, r.Slot, r.Probabilities));
        Receive<PublishTick>(_ => PublishFeatures());
        Receive<GetFeatures>(_ => Sender.Tell(LatestFeatures() is { } f ? f : new NoFeatures(_entityId)));
        Receive<GetPrediction>(_ => Sender.Tell(
            _predictor is null ? new Status.Failure(new InvalidOperationException($"{_entityId} does not predict: prediction is off"))
            : _latestPrediction is { } p ? p : new NoPrediction(_entityId)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="publication">Feature publication; <see cref="PredictionOptions.Features"/> says which features.</param>
    /// <param name="prediction">The predictor, or (not <see cref="PredictionOptions.Enabled"/>) features only.</param>
    /// <param name="publish">Publish features and predictions to the cluster's topics (off in tests and benchmarks without a cluster).</param>
    public static Props Props(string entityId, FeaturePublishOptions publication, PredictionOptions prediction, bool publish) =>
        Akka.Actor.Props.Create(() => new BookPipelineActor(entityId, publication, prediction, publish));

    protected override void PreStart()
    {
        if (_mediator is not null && _publication.Enabled) Timers.StartPeriodicTimer("publish", PublishTick.Instance, _publication.PublishInterval);
        if (_predictor is null) return;
        ModelHosts hosts = ModelHosts.Get(Context.System);
        _models = [.. _predictor.BatchModels.Select(hosts.For)];
        foreach (IIncrementalModel followed in _prediction.TrainedModels.OfType<IIncrementalModel>()) hosts.Follows(followed);
    }

    private void OnEvent(BookEventApplied applied)
    {
        // Latency counts from here, so time spent held back shows in it.
        if (_queue is not null) _queue.Event(applied.Event, applied.Replaying, Stopwatch.GetTimestamp());
        else if (_features.Apply(applied.Event) is { } vector) OnFeatures(vector, applied.Replaying);
    }

    void IHoldBackOutlet.OnFeatures(FeatureVector vector, bool replaying) => OnFeatures(vector, replaying);

    private void OnFeatures(FeatureVector vector, bool replaying)
    {
        _hasVector = true;
        _latestFeatures = null;
        _dirty |= !replaying;
    }

    void IHoldBackOutlet.OnAsk(PendingPrediction pending)
    {
        for (int slot = 0; slot < _models.Length; slot++) _models[slot].Tell(new ModelRequest(slot, pending.Sequence, pending.Window!));
    }

    void IHoldBackOutlet.OnCheckpoint(long id, byte[]? state) => OnCheckpoint(id, state);

    void IHoldBackOutlet.OnRestored(string? problem) => OnRestored(problem);

    private void OnCheckpoint(long id, byte[]? state) => Context.Parent.Tell(new PipelineCheckpoint(id, state));

    private void OnRestored(string? problem)
    {
        if (problem is null) return;
        if (_restoringState) _log.Warning("{0}: its features and predictions start again from the book: {1}", _entityId, problem);
        else _log.Info("{0}: its features and predictions start from the book: {1}", _entityId, problem);
    }

    void IHoldBackOutlet.OnPrediction(CompletedPrediction done, long started, bool replaying)
    {
        var outputs = new PredictionOutputs(_predictor!.Predictor.Models, done);
        long latencyNs = (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds;
        var prediction = new PredictionEvent(_entityId, done.Sequence, done.TimeNs, done.ReceiveTimeNs, outputs,
            done.Ensemble.Down, done.Ensemble.Flat, done.Ensemble.Up, done.Predicted, done.Confidence, latencyNs) { Resolved = done.Resolved };
        _latestPrediction = prediction;
        if (replaying) return; // made again in recovery: already published by the run that journaled its event
        Context.System.EventStream.Publish(prediction);
        _mediator?.Tell(new Publish(Topics.Predictions, prediction));
    }

    /// <summary>The latest vector as a message, built when first asked for after it changed (the engine reuses its buffer).</summary>
    private FeatureSnapshot? LatestFeatures()
    {
        if (!_hasVector) return null;
        if (_latestFeatures is null)
        {
            FeatureVector v = _features.Engine.Vector;
            _latestFeatures = new FeatureSnapshot(_entityId, v.Sequence, v.TimeNs, v.ExchangeTimeNs, v.ReceiveTimeNs, v.Schema.Names, v.Values.ToArray());
        }
        return _latestFeatures;
    }

    private void PublishFeatures()
    {
        if (!_dirty || LatestFeatures() is not { } snapshot) return;
        _dirty = false;
        _mediator!.Tell(new Publish(Topics.Features, snapshot));
    }

    private sealed class PublishTick
    {
        public static readonly PublishTick Instance = new();
    }
}
