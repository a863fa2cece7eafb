using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Prediction;

/// <summary>
/// A book's prediction child, beside its feature child. It runs its own replica and <see cref="FeatureEngine"/> from
/// the same journaled events rather than taking vectors from the feature child: that child publishes at most every
/// interval (latest wins), while a prediction is due on every book update, and a sibling hop would add latency and
/// ordering questions for no saving worth having. Per valid book update: the online learners and the exported networks
/// (this book's state of each, <see cref="IIncrementalModel"/>) answer at once, on this actor's thread; the node's
/// batch model actors (Torch modules, if configured) are asked, and when all have answered the ensemble mixes them into a
/// <see cref="PredictionEvent"/>, published on <see cref="Topics.Predictions"/> (cluster) and the local event stream.
/// Labels resolve after the horizon and update the ensemble's hit rates and the learners. The logic lives in the
/// pure <see cref="BookPredictor"/> (shared with the backtest's replay); this actor only moves messages.
/// <para>
/// Determinism: predictions are a pure function of the journaled events (see <see cref="SymbolPredictor"/>). When a
/// vector would resolve the label of a prediction whose models have not answered yet (models slower than the label
/// horizon), the actor holds that vector and queues every later book message, in order, until the answers arrive; in
/// the common case (models answer within the horizon) nothing waits. The queue is the actor's own rather than Akka's
/// stash: under a backlog the answers sit behind thousands of book events in the mailbox, and a stash would move that
/// whole backlog back to the mailbox at every release.
/// </para>
/// </summary>
public sealed class PredictorActor : ReceiveActor
{
    public const string ChildName = "predictions";

    private readonly string _entityId;
    private readonly PredictionOptions _options;
    private readonly BookPredictor _book;
    private readonly SymbolPredictor _predictor;
    private readonly Dictionary<long, long> _startedAt = new();
    private readonly Queue<(object Message, long Received)> _backlog = new();
    private IActorRef[] _models = [];
    private readonly IActorRef? _mediator;
    private PredictionEvent? _latest;
    private Held? _held;

    public PredictorActor(string entityId, PredictionOptions options, bool publish)
    {
        if (!BookId.TryParse(entityId, out Venue venue, out string symbol))
            throw new ArgumentException($"'{entityId}' is not a book id (venue:symbol)", nameof(entityId));
        _entityId = entityId;
        _options = options;
        _book = options.CreatePredictor(venue, symbol, copyWindows: true);
        _predictor = _book.Predictor;
        if (publish) _mediator = DistributedPubSub.Get(Context.System).Mediator;

        Receive<BookRestored>(OnBookMessage);
        Receive<BookEventApplied>(OnBookMessage);
        Receive<ModelReply>(r =>
        {
            OnReply(r);
            Drain();
        });
        Receive<GetPrediction>(_ => Sender.Tell(_latest is { } p ? p : new NoPrediction(_entityId)));
    }

    public static Props Props(string entityId, PredictionOptions options, bool publish) =>
        Akka.Actor.Props.Create(() => new PredictorActor(entityId, options, publish));

    protected override void PreStart()
    {
        ModelHosts hosts = ModelHosts.Get(Context.System);
        _models = [.. _book.BatchModels.Select(hosts.For)];
        foreach (IIncrementalModel followed in _options.TrainedModels.OfType<IIncrementalModel>()) hosts.Follows(followed);
    }

    private void OnBookMessage(object message)
    {
        // Latency counts from here, so time spent held back shows in it.
        long received = Stopwatch.GetTimestamp();
        if (_held is not null || _backlog.Count > 0) _backlog.Enqueue((message, received));
        else Apply(message, received);
    }

    /// <summary>Releases the held vector once its label can be scored, then the queued book messages until one must wait again.</summary>
    private void Drain()
    {
        if (_held is { } held)
        {
            if (!_predictor.CanObserve(held.Vector)) return;
            _held = null;
            Observe(held.Vector, held.Replaying, held.Started);
        }
        while (_held is null && _backlog.TryDequeue(out (object Message, long Received) next)) Apply(next.Message, next.Received);
    }

    private void Apply(object message, long received)
    {
        switch (message)
        {
            case BookRestored r:
                _book.Restore(r.Checkpoint);
                _startedAt.Clear();
                break;
            case BookEventApplied e:
                OnEvent(e, received);
                break;
        }
    }

    private void OnEvent(BookEventApplied applied, long started)
    {
        if (_book.Apply(applied.Event) is not { } vector) return;
        // Held as is: the engine's buffer stays untouched, since no later event is applied until it is released.
        if (!_predictor.CanObserve(vector)) _held = new Held(vector, applied.Replaying, started);
        else Observe(vector, applied.Replaying, started);
    }

    private void Observe(FeatureVector vector, bool replaying, long started)
    {
        if (_predictor.Observe(vector, predict: !replaying) is not { } pending) return;
        if (pending.IsComplete)
        {
            Emit(_predictor.Finish(pending), started);
            return;
        }
        _startedAt[pending.Sequence] = started;
        for (int slot = 0; slot < _models.Length; slot++) _models[slot].Tell(new ModelRequest(slot, pending.Sequence, pending.Window!));
    }

    private void OnReply(ModelReply r)
    {
        if (_predictor.Complete(r.Sequence, r.Slot, r.Probabilities) is not { } done) return;
        long started = _startedAt.Remove(done.Sequence, out long t) ? t : Stopwatch.GetTimestamp();
        Emit(done, started);
    }

    private void Emit(CompletedPrediction done, long started)
    {
        var outputs = new ModelOutput[done.PerModel.Length];
        for (int m = 0; m < outputs.Length; m++)
        {
            ModelInfo info = _predictor.Models[m];
            ClassProbabilities p = done.PerModel[m];
            outputs[m] = new ModelOutput(info.Name, info.Version, done.Weights[m], p.Down, p.Flat, p.Up);
        }
        long latencyNs = (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds;
        var prediction = new PredictionEvent(_entityId, done.Sequence, done.TimeNs, done.ReceiveTimeNs, outputs,
            done.Ensemble.Down, done.Ensemble.Flat, done.Ensemble.Up, done.Predicted, done.Confidence, latencyNs) { Resolved = done.Resolved };
        _latest = prediction;
        Context.System.EventStream.Publish(prediction);
        _mediator?.Tell(new Publish(Topics.Predictions, prediction));
    }

    private sealed record Held(FeatureVector Vector, bool Replaying, long Started);
}
