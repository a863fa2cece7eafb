using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using QuantumFlow.Models.Prediction;

namespace QuantumFlow.Actors.Prediction;

/// <summary>
/// Runs one trained model for every book of the node. Micro-batching without a timer: requests are collected until
/// a flush message, sent to itself when the first request of a batch arrives, reaches the front of the mailbox; so a
/// batch is whatever queued meanwhile (one request when idle, many under load), capped at <see cref="MaxBatch"/>.
/// </summary>
public sealed class ModelActor : ReceiveActor
{
    public const int MaxBatch = 256;

    private readonly IProbabilisticModel _model;
    private readonly List<(ModelRequest Request, IActorRef ReplyTo)> _batch = new(MaxBatch);
    private readonly List<FeatureWindow> _windows = new(MaxBatch);
    private ClassProbabilities[] _results = new ClassProbabilities[MaxBatch];
    private bool _flushQueued;
    private long _requests;
    private long _batches;
    private int _largestBatch;
    private long _busyTicks;
    private long _failedBatches;

    public ModelActor(IProbabilisticModel model)
    {
        _model = model;
        Receive<ModelRequest>(r =>
        {
            _batch.Add((r, Sender));
            if (_batch.Count >= MaxBatch) Flush();
            else if (!_flushQueued)
            {
                _flushQueued = true;
                Self.Tell(FlushBatch.Instance);
            }
        });
        Receive<FlushBatch>(_ =>
        {
            _flushQueued = false;
            Flush();
        });
        Receive<GetModelStats>(_ => Sender.Tell(new ModelStats(_model.Name, _model.Version, _model.GetType().Name, _model.WindowLength,
            _requests, _batches, _largestBatch, _failedBatches, _requests == 0 ? 0 : Stopwatch.GetElapsedTime(0, _busyTicks).TotalMilliseconds / _requests)));
    }

    public static Props Props(IProbabilisticModel model) => Akka.Actor.Props.Create(() => new ModelActor(model));

    private void Flush()
    {
        if (_batch.Count == 0) return;
        _windows.Clear();
        foreach ((ModelRequest r, _) in _batch) _windows.Add(r.Window);
        if (_results.Length < _batch.Count) _results = new ClassProbabilities[_batch.Count];
        long started = Stopwatch.GetTimestamp();
        try
        {
            _model.PredictBatch(_windows, _results.AsSpan(0, _batch.Count));
        }
        catch (Exception e)
        {
            // A failing model must not stall every book waiting on it: answer uniform (the ensemble learns to ignore it).
            Context.GetLogger().Error(e, "model {0} failed on a batch of {1}", _model.Name, _batch.Count);
            Array.Fill(_results, ClassProbabilities.Uniform, 0, _batch.Count);
            _failedBatches++;
        }
        _busyTicks += Stopwatch.GetTimestamp() - started;
        _requests += _batch.Count;
        _batches++;
        _largestBatch = Math.Max(_largestBatch, _batch.Count);
        for (int i = 0; i < _batch.Count; i++)
        {
            (ModelRequest r, IActorRef replyTo) = _batch[i];
            replyTo.Tell(new ModelReply(r.Slot, r.Sequence, _results[i]));
        }
        _batch.Clear();
        _windows.Clear();
    }

    private sealed class FlushBatch
    {
        public static readonly FlushBatch Instance = new();
    }
}
