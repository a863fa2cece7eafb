using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Backtest;

/// <summary>
/// The live prediction path without actors, for backtests: one book's market events in, in journal order, and the
/// prediction made right after each out, through the same <see cref="BookPredictor"/> the book's pipeline actor runs. The
/// networks the book follows (<see cref="IIncrementalModel"/>) answer inside it, as live; only batch models are asked
/// here. By <see cref="EnsemblePredictor"/>'s rule the result does not depend on when the batch models answer, only on each
/// model's answer for each window, which does not depend on the batch it ran in (the exported networks compute each
/// window alone; Torch modules run through <see cref="FixedBatchModel"/>, tested); so the replay equals
/// the live run whether it asks one window at a time (<see cref="Step"/>) or, like a loaded model actor, many at once.
/// <para>
/// <see cref="Push"/> and <see cref="Run"/> with a <c>maxBatch</c> above 1 do the latter, for speed: predictions wait, with their window
/// copies, until the batch is full or the next vector would resolve one of their labels, then every batch model
/// answers them in one forward pass and their steps come out, in event order.
/// </para>
/// </summary>
public sealed class PredictionReplay
{
    private readonly BookPredictor _book;
    private readonly EnsemblePredictor _predictor;
    private readonly IReadOnlyList<IProbabilisticModel> _models;
    private readonly List<(MarketEvent Event, PendingPrediction? Pending)> _buffered = new();
    private readonly List<PendingPrediction> _waiting = new();
    private readonly List<FeatureWindow> _windows = new();
    private readonly Dictionary<long, CompletedPrediction> _completed = new();
    private ClassProbabilities[] _answers = [];

    public PredictionReplay(BookPredictor book)
    {
        ArgumentNullException.ThrowIfNull(book);
        _book = book;
        _predictor = book.Predictor;
        _models = book.BatchModels;
    }

    public BookPredictor Book => _book;

    /// <summary>Called with each feature vector right after the book applied its event, before the prediction (evaluation reads baseline inputs here).</summary>
    public Action<FeatureVector>? VectorObserved { get; set; }

    /// <summary>Applies one event and answers its prediction at once (one window per model call); null when it made none.</summary>
    /// <exception cref="InvalidOperationException">batched predictions are still waiting (<see cref="Flush"/> first).</exception>
    public CompletedPrediction? Step(MarketEvent e)
    {
        if (_waiting.Count > 0) throw new InvalidOperationException("a batched run has predictions waiting");
        if (_book.Apply(e) is not { } vector) return null;
        VectorObserved?.Invoke(vector);
        if (_predictor.Observe(vector) is not { } pending) return null;
        CompletedPrediction? done = pending.IsComplete ? _predictor.Finish(pending) : null;
        for (int slot = 0; done is null && slot < _models.Count; slot++)
        {
            done = _predictor.Complete(pending.Sequence, slot, _models[slot].Predict(pending.Window!));
        }
        return done ?? throw new InvalidOperationException($"prediction {pending.Sequence} was not completed by its {_models.Count} models");
    }

    /// <summary>
    /// The steps of a stream of one book's events. With <paramref name="everyEvent"/> false only the steps that carry a
    /// prediction are yielded. <paramref name="maxBatch"/> above 1 batches the model calls (see <see cref="Push"/>).
    /// </summary>
    public IEnumerable<ReplayStep> Run(IEnumerable<MarketEvent> events, bool everyEvent = true, int maxBatch = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var steps = new List<ReplayStep>();
        foreach (MarketEvent e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Push(e, steps, everyEvent, maxBatch);
            foreach (ReplayStep s in steps) yield return s;
            steps.Clear();
        }
        Flush(steps, everyEvent);
        foreach (ReplayStep s in steps) yield return s;
    }

    /// <summary>
    /// Applies one event and appends to <paramref name="steps"/> the steps that are final: this event's at once with
    /// <paramref name="maxBatch"/> 1; with a larger batch (the book must have been built with window copies), this
    /// and earlier events' once their predictions' batch is answered. <see cref="Flush"/> at the end of the stream.
    /// </summary>
    public void Push(MarketEvent e, List<ReplayStep> steps, bool everyEvent = true, int maxBatch = 1)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (maxBatch == 1 || _models.Count == 0)
        {
            if (_waiting.Count > 0) Flush(steps, everyEvent);
            CompletedPrediction? p = Step(e);
            if (p is not null || everyEvent) steps.Add(new ReplayStep(e, p));
            return;
        }
        if (!_predictor.CopiesWindows) throw new ArgumentException("batched model calls need a predictor built with window copies", nameof(maxBatch));
        PendingPrediction? pending = null;
        if (_book.Apply(e) is { } vector)
        {
            VectorObserved?.Invoke(vector);
            if (!_predictor.CanObserve(vector)) Flush(steps, everyEvent);
            pending = _predictor.Observe(vector);
        }
        if (pending is null && _buffered.Count == 0)
        {
            if (everyEvent) steps.Add(new ReplayStep(e, null));
            return;
        }
        _buffered.Add((e, pending));
        if (pending is not null) _waiting.Add(pending);
        if (_waiting.Count >= maxBatch) Flush(steps, everyEvent);
    }

    /// <summary>Every batch model answers the waiting predictions in one call each; then their steps, in event order.</summary>
    public void Flush(List<ReplayStep> steps, bool everyEvent = true)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (_waiting.Count > 0)
        {
            if (_answers.Length < _waiting.Count) _answers = new ClassProbabilities[_waiting.Count];
            _windows.Clear();
            foreach (PendingPrediction p in _waiting) _windows.Add(p.Window!);
            for (int slot = 0; slot < _models.Count; slot++)
            {
                _models[slot].PredictBatch(_windows, _answers.AsSpan(0, _waiting.Count));
                for (int i = 0; i < _waiting.Count; i++)
                {
                    if (_predictor.Complete(_waiting[i].Sequence, slot, _answers[i]) is { } done) _completed[done.Sequence] = done;
                }
            }
        }
        foreach ((MarketEvent e, PendingPrediction? p) in _buffered)
        {
            CompletedPrediction? done = p is null ? null : _completed[p.Sequence];
            if (done is not null || everyEvent) steps.Add(new ReplayStep(e, done));
        }
        _buffered.Clear();
        _waiting.Clear();
        _windows.Clear();
        _completed.Clear();
    }
}
