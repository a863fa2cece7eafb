using System.Collections.Immutable;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>
/// One book's predictions from its feature vectors (its <see cref="BookPredictor"/> makes the vectors from the
/// book's events), without actors: the feature window, the online learners and the followed
/// models (<see cref="IIncrementalModel"/>, each with this book's own state; all answer at once), the slots of the
/// batch models (answer later, through <see cref="Complete"/>), the per-symbol ensemble, and the labeler that
/// resolves past predictions after the horizon so hit rates and learners update. Not thread-safe.
/// <para>Model order everywhere: the online learners first, then the followed models, then the batch models.</para>
/// <para>
/// Determinism: every output is a pure function of the sequence of vectors observed (and the models' answers to the
/// windows they were given), never of when the batch models answer. A prediction is mixed with the ensemble weights
/// of the moment it was made (<see cref="Observe"/>), not of the moment its last model answered; a label is scored,
/// with the learners taught, exactly when the vector that resolves it is observed, in label order. That needs the
/// resolved prediction to be complete by then, so a caller whose models answer asynchronously must hold back a
/// vector until <see cref="CanObserve"/> says yes (<see cref="HoldBackQueue"/> does): it says no only for a valid vector that would resolve the label
/// of a prediction still waiting for answers (the horizon after it in events, or past its time plus the horizon in
/// milliseconds), which happens only when the models are slower than the horizon. Observing such a vector anyway is
/// a caller bug and throws. A caller that answers synchronously (the replay) never waits.
/// </para>
/// </summary>
public sealed class EnsemblePredictor
{
    private readonly IOnlineLearner[] _learners; // an array: a foreach over it allocates no enumerator, once per label
    private readonly IBookModelState[] _followed;
    private readonly Labeler _labeler;
    private readonly Dictionary<long, PendingPrediction> _pending = new();
    private readonly Queue<PendingPrediction> _incomplete = new();
    private readonly Stack<PendingPrediction> _spare = new();
    private readonly List<Label> _resolvedNow = new(4);
    private readonly int _validIndex;
    private readonly bool _copyWindows;
    private readonly long _horizon;
    private readonly bool _eventHorizon;
    private long _points;
    private long _lastTimeNs = long.MinValue;
    private long _resolved;

    /// <param name="copyWindows">
    /// Give each pending prediction its own copy of the window for models that answer later on other threads; false
    /// when every batch model is called before the next vector is observed (the window itself is handed out).
    /// </param>
    /// <param name="followed">Trained models that follow this book row by row and answer at once (after the learners).</param>
    public EnsemblePredictor(FeatureSchema schema, IReadOnlyList<IOnlineLearner> learners, IReadOnlyList<ModelInfo> batchModels,
        int windowCapacity, LabelOptions? labels = null, EnsembleOptions? ensemble = null, bool copyWindows = true,
        IReadOnlyList<IIncrementalModel>? followed = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        followed ??= [];
        _learners = [.. learners];
        _followed = [.. followed.Select(m => m.Follow(schema.Names))];
        BatchModels = [.. batchModels];
        Models = [.. learners.Select(l => new ModelInfo(l.Name, l.Version, l.ValidationLogLoss)), .. followed.Select(m => new ModelInfo(m.Name, m.Version, m.ValidationLogLoss)), .. batchModels];
        Window = new FeatureWindow(schema.Names, Math.Max(1, windowCapacity));
        _labeler = new Labeler(labels);
        Ensemble = new PerformanceWeightedEnsemble(Models.Select(m => m.Name), ensemble, [.. Models.Select(m => m.ValidationLogLoss)]);
        Calls = new CallRule(ensemble ?? EnsembleOptions.Default);
        _validIndex = schema.IndexOf(FeatureNames.BookValid);
        _copyWindows = copyWindows;
        _eventHorizon = _labeler.Options.Unit == HorizonUnit.Events;
        _horizon = _eventHorizon ? _labeler.Options.Horizon : checked(_labeler.Options.Horizon * 1_000_000);
    }

    public ImmutableArray<ModelInfo> Models { get; }
    public ImmutableArray<ModelInfo> BatchModels { get; }
    public int LearnerCount => _learners.Length;
    public FeatureWindow Window { get; }
    public PerformanceWeightedEnsemble Ensemble { get; }

    /// <summary>How the ensemble's probabilities become its call (UP, DOWN or FLAT).</summary>
    public CallRule Calls { get; }
    public LabelOptions LabelOptions => _labeler.Options;

    /// <summary>Whether each pending prediction holds its own window copy (answers may come after later vectors).</summary>
    public bool CopiesWindows => _copyWindows;

    /// <summary>Predictions waiting for answers or labels.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Predictions whose label has resolved and been scored.</summary>
    public long Resolved => _resolved;

    /// <summary>
    /// False when observing <paramref name="vector"/> now would resolve the label of a prediction that still waits
    /// for batch model answers: hold it back (and everything after it) until an answer makes this true.
    /// </summary>
    public bool CanObserve(FeatureVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (vector[_validIndex] != 1) return true; // the labeler skips it
        while (_incomplete.TryPeek(out PendingPrediction? oldest) && (oldest.IsComplete || !_pending.ContainsKey(oldest.Sequence)))
            _incomplete.Dequeue().Queued = false;
        if (_incomplete.Count == 0) return true;
        PendingPrediction waiting = _incomplete.Peek();
        // Events: point n resolves point n - h. Milliseconds: a point after t + h resolves t (Labeler's rules).
        return _eventHorizon ? _points < waiting.Point + _horizon : vector.TimeNs <= waiting.TimeNs + _horizon;
    }

    /// <summary>
    /// Takes a feature vector in: resolves the labels it completes, pushes it to the window and, for a valid book,
    /// starts a prediction with the online learners' answers filled in. Null for an invalid book (no price, no label).
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="CanObserve"/> is false for this vector.</exception>
    public PendingPrediction? Observe(FeatureVector vector)
    {
        if (!CanObserve(vector))
            throw new InvalidOperationException($"vector {vector.Sequence} would resolve the label of prediction {_incomplete.Peek().Sequence}, which still waits for its models");
        // The feature engine started a new session (its clock went back): horizons across it would be wrong.
        if (vector.TimeNs < _lastTimeNs) Reset();
        _lastTimeNs = vector.TimeNs;
        Window.Push(vector.Values);
        foreach (IBookModelState state in _followed) state.Push(vector.Values);
        if (vector[_validIndex] != 1) return null;
        long point = _points++;
        _labeler.Observe(vector);
        _resolvedNow.Clear();
        while (_labeler.TryTake(out Label label)) OnLabel(label);

        // Reused once resolved (see PendingPrediction): predictions in flight cost the collector nothing.
        PendingPrediction pending = _spare.TryPop(out PendingPrediction? spare) ? spare : new PendingPrediction(Models.Length, vector.Values.Length);
        pending.Start(vector.Sequence, vector.TimeNs, vector.ReceiveTimeNs, point, vector.Values, Ensemble.CurrentWeights, Calls.Context, BatchModels.Length);
        pending.Resolved.AddRange(_resolvedNow);
        for (int i = 0; i < _learners.Length; i++)
        {
            pending.PerModel[i] = _learners[i].Predict(Window);
            pending.Answered[i] = true;
        }
        for (int i = 0, slot = _learners.Length; i < _followed.Length; i++, slot++)
        {
            pending.PerModel[slot] = _followed[i].Predict();
            pending.Answered[slot] = true;
        }
        if (BatchModels.Length > 0)
        {
            pending.Window = _copyWindows ? Window.Copy() : Window;
            pending.Queued = true;
            _incomplete.Enqueue(pending);
        }
        _pending[vector.Sequence] = pending;
        return pending;
    }

    /// <summary>
    /// A batch model's answer (<paramref name="batchSlot"/> indexes <see cref="BatchModels"/>). Returns the finished
    /// prediction when this was the last answer, otherwise null (also for a prediction already dropped or answered).
    /// </summary>
    public CompletedPrediction? Complete(long sequence, int batchSlot, ClassProbabilities probabilities)
    {
        if (!_pending.TryGetValue(sequence, out PendingPrediction? p)) return null;
        int slot = _learners.Length + _followed.Length + batchSlot;
        if (p.Answered[slot]) return null;
        p.PerModel[slot] = probabilities;
        p.Answered[slot] = true;
        p.Missing--;
        return p.IsComplete ? Finish(p) : null;
    }

    /// <summary>The prediction started by <see cref="Observe"/> when there are no batch models to wait for.</summary>
    public CompletedPrediction Finish(PendingPrediction pending)
    {
        if (!pending.IsComplete) throw new InvalidOperationException($"prediction {pending.Sequence} still waits for {pending.Missing} models");
        pending.Window = null;
        ClassProbabilities mixed = PerformanceWeightedEnsemble.Combine(pending.PerModel, pending.Weights);
        return new CompletedPrediction(pending.Sequence, pending.TimeNs, pending.ReceiveTimeNs, [.. pending.PerModel],
            [.. pending.Weights], mixed)
        {
            Call = Calls.Call(mixed, pending.CallContext),
            Resolved = pending.Resolved.Count == 0 ? [] : [.. pending.Resolved],
        };
    }

    /// <summary>A gap in the data: horizons across it would be wrong, so pending predictions are dropped unscored.</summary>
    public void Reset()
    {
        _labeler.Reset();
        foreach (PendingPrediction p in _incomplete) p.Queued = false;
        _incomplete.Clear();
        foreach (PendingPrediction p in _pending.Values) Recycle(p);
        _pending.Clear();
        Window.Clear();
        foreach (IBookModelState state in _followed) state.Clear();
    }

    /// <summary>
    /// Whether <see cref="Save"/> can capture everything: false while a prediction waits for a batch model, whose
    /// answer would arrive at this instance only.
    /// </summary>
    public bool CanSave => _pending.Values.All(p => p.IsComplete);

    /// <summary>
    /// The window, the labeler, every learner, followed model and ensemble score, and the predictions waiting for
    /// their labels: all a restarted book needs to predict, learn and weigh exactly as this one would have.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="CanSave"/> is false.</exception>
    public void Save(StateWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (!CanSave) throw new InvalidOperationException("a prediction still waits for its batch models; its state cannot be saved now");
        w.Begin("ensemble-predictor");
        w.Write(_points);
        w.Write(_lastTimeNs);
        w.Write(_resolved);
        Window.Save(w);
        _labeler.Save(w);
        foreach (IOnlineLearner learner in _learners) learner.Save(w);
        foreach (IBookModelState state in _followed) state.Save(w);
        Ensemble.Save(w);
        Calls.Save(w);
        w.Write(_pending.Count);
        foreach (PendingPrediction p in _pending.Values.OrderBy(p => p.Sequence)) p.Save(w);
    }

    /// <summary>What <see cref="Save"/> wrote, into a predictor built from the same models and options.</summary>
    /// <exception cref="InvalidDataException">The state does not fit (it is then half-loaded: <see cref="Forget"/>).</exception>
    public void Load(StateReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        Reset();
        r.Begin("ensemble-predictor");
        _points = r.ReadInt64();
        _lastTimeNs = r.ReadInt64();
        _resolved = r.ReadInt64();
        Window.Load(r);
        _labeler.Load(r);
        foreach (IOnlineLearner learner in _learners) learner.Load(r, Window.FeatureNames);
        foreach (IBookModelState state in _followed) state.Load(r);
        Ensemble.Load(r);
        Calls.Load(r);
        int pending = r.ReadInt32();
        if (pending < 0) throw new InvalidDataException($"predictor state: {pending} pending predictions");
        for (int k = 0; k < pending; k++)
        {
            var p = new PendingPrediction(Models.Length, Window.FeatureCount);
            p.Load(r);
            if (!_pending.TryAdd(p.Sequence, p)) throw new InvalidDataException($"predictor state: prediction {p.Sequence} twice");
        }
    }

    /// <summary>As new: the window and pending predictions dropped (<see cref="Reset"/>), and everything learned forgotten.</summary>
    public void Forget()
    {
        Reset();
        foreach (IOnlineLearner learner in _learners) learner.Forget();
        Ensemble.Forget();
        Calls.Forget();
    }

    private void OnLabel(in Label label)
    {
        if (!_pending.Remove(label.Sequence, out PendingPrediction? p)) return;
        // CanObserve guarantees it: scoring later would make the ensemble depend on when the models answered.
        if (!p.IsComplete) throw new InvalidOperationException($"the label of prediction {p.Sequence} resolved before its models answered");
        Calls.Resolve(PerformanceWeightedEnsemble.Combine(p.PerModel, p.Weights), p.CallContext, label.Class);
        Ensemble.Resolve(p.PerModel, label.Class);
        foreach (IOnlineLearner learner in _learners) learner.Learn(p.Row, label.Class);
        _resolvedNow.Add(label);
        Recycle(p);
        _resolved++;
    }

    /// <summary>A prediction the caller is done with (answered and labeled, or dropped) becomes the next one's storage.</summary>
    private void Recycle(PendingPrediction p)
    {
        // Still behind an older prediction in the queue (a dropped one): left to the collector rather than reused.
        if (p.Queued) return;
        p.Window = null;
        _spare.Push(p);
    }
}
