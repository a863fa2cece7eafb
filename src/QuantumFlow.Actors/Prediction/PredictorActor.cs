using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Prediction;

/// <summary>
/// A book's prediction child, beside its feature child. It runs its own replica and <see cref="FeatureEngine"/> from
/// the same journaled events rather than taking vectors from the feature child: that child publishes at most every
/// interval (latest wins), while a prediction is due on every book update, and a sibling hop would add latency and
/// ordering questions for no saving worth having. Per valid book update: the online learners answer at once, the
/// node's batch model actors are asked, and when all have answered the ensemble mixes them into a
/// <see cref="PredictionEvent"/>, published on <see cref="Topics.Predictions"/> (cluster) and the local event stream.
/// Labels resolve after the horizon and update the ensemble's hit rates and the learners. The logic lives in the
/// pure <see cref="SymbolPredictor"/>; this actor only moves messages.
/// </summary>
public sealed class PredictorActor : ReceiveActor
{
    public const string ChildName = "predictions";

    private readonly string _entityId;
    private readonly PredictionOptions _options;
    private readonly FeatureReplica _features;
    private readonly SymbolPredictor _predictor;
    private readonly Dictionary<long, long> _startedAt = new();
    private IActorRef[] _models = [];
    private readonly IActorRef? _mediator;
    private PredictionEvent? _latest;

    public PredictorActor(string entityId, PredictionOptions options, bool publish)
    {
        if (!BookId.TryParse(entityId, out Venue venue, out string symbol))
            throw new ArgumentException($"'{entityId}' is not a book id (venue:symbol)", nameof(entityId));
        _entityId = entityId;
        _options = options;
        _features = new FeatureReplica(venue, symbol, options.Features);
        int window = options.BatchModels.Count == 0 ? 1 : options.BatchModels.Max(m => m.WindowLength);
        _predictor = new SymbolPredictor(_features.Engine.Schema,
            [.. options.Learners.Select(o => new DirichletStateModel(o))],
            [.. options.BatchModels.Select(m => new ModelInfo(m.Name, m.Version))],
            window, options.Labels, options.Ensemble);
        if (publish) _mediator = DistributedPubSub.Get(Context.System).Mediator;

        Receive<BookRestored>(r =>
        {
            _features.Restore(r.Checkpoint);
            _predictor.Reset();
            _startedAt.Clear();
        });
        Receive<BookEventApplied>(OnEvent);
        Receive<ModelReply>(r =>
        {
            if (_predictor.Complete(r.Sequence, r.Slot, r.Probabilities) is { } done) Emit(done);
        });
        Receive<GetPrediction>(_ => Sender.Tell(_latest is { } p ? p : new NoPrediction(_entityId)));
    }

    public static Props Props(string entityId, PredictionOptions options, bool publish) =>
        Akka.Actor.Props.Create(() => new PredictorActor(entityId, options, publish));

    protected override void PreStart()
    {
        ModelHosts hosts = ModelHosts.Get(Context.System);
        _models = [.. _options.BatchModels.Select(hosts.For)];
    }

    private void OnEvent(BookEventApplied applied)
    {
        long started = Stopwatch.GetTimestamp();
        if (_features.Apply(applied.Event) is not { } vector) return;
        if (_predictor.Observe(vector, predict: !applied.Replaying) is not { } pending) return;
        if (pending.IsComplete)
        {
            Emit(_predictor.Finish(pending), started);
            return;
        }
        _startedAt[pending.Sequence] = started;
        for (int slot = 0; slot < _models.Length; slot++) _models[slot].Tell(new ModelRequest(slot, pending.Sequence, pending.Window!));
    }

    private void Emit(CompletedPrediction done)
    {
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
            done.Ensemble.Down, done.Ensemble.Flat, done.Ensemble.Up, done.Predicted, done.Confidence, latencyNs);
        _latest = prediction;
        Context.System.EventStream.Publish(prediction);
        _mediator?.Tell(new Publish(Topics.Predictions, prediction));
    }
}
