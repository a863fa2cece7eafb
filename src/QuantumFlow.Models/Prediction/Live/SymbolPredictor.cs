using System.Collections.Immutable;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Ensembles;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>
/// The prediction state of one book, without actors: the feature window, the online learners (answer at once), the
/// slots of the batch models (answer later, through <see cref="Complete"/>), the per-symbol ensemble, and the labeler
/// that resolves past predictions after the horizon so hit rates and learners update. Not thread-safe.
/// <para>Model order everywhere: the online learners first, then the batch models.</para>
/// </summary>
public sealed class SymbolPredictor
{
    private readonly IReadOnlyList<IOnlineLearner> _learners;
    private readonly Labeler _labeler;
    private readonly Dictionary<long, PendingPrediction> _pending = new();
    private readonly int _validIndex;
    private long _resolved;

    public SymbolPredictor(FeatureSchema schema, IReadOnlyList<IOnlineLearner> learners, IReadOnlyList<ModelInfo> batchModels,
        int windowCapacity, LabelOptions? labels = null, EnsembleOptions? ensemble = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _learners = learners;
        BatchModels = [.. batchModels];
        Models = [.. learners.Select(l => new ModelInfo(l.Name, l.Version)), .. batchModels];
        Window = new FeatureWindow(schema.Names, Math.Max(1, windowCapacity));
        _labeler = new Labeler(labels);
        Ensemble = new PerformanceWeightedEnsemble(Models.Select(m => m.Name), ensemble);
        _validIndex = schema.IndexOf(FeatureNames.BookValid);
    }

    public ImmutableArray<ModelInfo> Models { get; }
    public ImmutableArray<ModelInfo> BatchModels { get; }
    public int LearnerCount => _learners.Count;
    public FeatureWindow Window { get; }
    public PerformanceWeightedEnsemble Ensemble { get; }
    public LabelOptions LabelOptions => _labeler.Options;

    /// <summary>Predictions waiting for answers or labels.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Predictions whose label has resolved and been scored.</summary>
    public long Resolved => _resolved;

    /// <summary>
    /// Takes a feature vector in: resolves the labels it completes, pushes it to the window and, for a valid book,
    /// starts a prediction with the online learners' answers filled in. Null for an invalid book (no price, no label).
    /// With <paramref name="predict"/> false (replaying history) it only warms the window and the labeler.
    /// </summary>
    public PendingPrediction? Observe(FeatureVector vector, bool predict = true)
    {
        ArgumentNullException.ThrowIfNull(vector);
        Window.Push(vector.Values);
        if (vector[_validIndex] != 1) return null;
        _labeler.Observe(vector);
        while (_labeler.TryTake(out Label label)) OnLabel(label);
        if (!predict) return null;

        var pending = new PendingPrediction(vector.Sequence, vector.TimeNs, vector.ReceiveTimeNs, vector.Values.ToArray(), Models.Length)
        {
            Missing = BatchModels.Length,
        };
        for (int i = 0; i < _learners.Count; i++)
        {
            pending.PerModel[i] = _learners[i].Predict(Window);
            pending.Answered[i] = true;
        }
        if (BatchModels.Length > 0) pending.Window = Window.Copy();
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
        int slot = _learners.Count + batchSlot;
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
        var result = new CompletedPrediction(pending.Sequence, pending.TimeNs, pending.ReceiveTimeNs, [.. pending.PerModel],
            Ensemble.Weights, Ensemble.Combine(pending.PerModel));
        if (pending.EarlyLabel is { } label) Score(pending, label);
        return result;
    }

    /// <summary>A gap in the data: horizons across it would be wrong, so pending predictions are dropped unscored.</summary>
    public void Reset()
    {
        _labeler.Reset();
        _pending.Clear();
        Window.Clear();
    }

    private void OnLabel(in Label label)
    {
        if (!_pending.TryGetValue(label.Sequence, out PendingPrediction? p)) return;
        if (p.IsComplete) Score(p, label.Class);
        else p.EarlyLabel = label.Class; // the batch models are slower than the horizon: score when they answer
    }

    private void Score(PendingPrediction p, LabelClass label)
    {
        _pending.Remove(p.Sequence);
        Ensemble.Resolve(p.PerModel, label);
        foreach (IOnlineLearner learner in _learners) learner.Learn(p.Row, label);
        _resolved++;
    }
}
