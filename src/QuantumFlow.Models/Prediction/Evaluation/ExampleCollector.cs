using System.Collections.Immutable;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// Turns one book's stream of predictions into scored examples, with the predictor's own labels: each
/// <see cref="CompletedPrediction"/> waits until a later one carries its label (<see cref="CompletedPrediction.Resolved"/>).
/// The baselines' inputs are read from the feature vector the prediction was made on (<see cref="Capture"/>, called by
/// the replay right after the book applied the event). Nothing is re-derived: a prediction the predictor dropped at a
/// gap never resolves and is never scored.
/// </summary>
public sealed class ExampleCollector
{
    private readonly ImmutableArray<string> _baselineFeatures;
    private readonly Dictionary<long, double[]> _inputs = new();
    private readonly Dictionary<long, (CompletedPrediction Prediction, double[] Inputs, long Index)> _waiting = new();
    private long _predictions;
    private readonly List<EvaluationExample> _examples = new();
    private int[]? _map;
    private int _validIndex = -1;

    public ExampleCollector(ImmutableArray<string> baselineFeatures) => _baselineFeatures = baselineFeatures;

    public IReadOnlyList<EvaluationExample> Examples => _examples;

    /// <summary>Predictions still waiting for their label (the last horizon of the stream never resolves).</summary>
    public int Waiting => _waiting.Count;

    /// <summary>The vector a prediction is about to be made on (only valid books predict).</summary>
    /// <exception cref="ArgumentException">the vector lacks one of the baseline features.</exception>
    public void Capture(FeatureVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (_map is null)
        {
            _map = [.. _baselineFeatures.Select(n => vector.Schema.IndexOf(n))];
            if (Array.IndexOf(_map, -1) is int missing and >= 0) throw new ArgumentException($"the features lack the baseline input '{_baselineFeatures[missing]}'", nameof(vector));
            _validIndex = vector.Schema.IndexOf(FeatureNames.BookValid);
        }
        if (vector[_validIndex] != 1) return;
        var inputs = new double[_map.Length];
        for (int i = 0; i < _map.Length; i++) inputs[i] = vector[_map[i]];
        _inputs[vector.Sequence] = inputs;
    }

    /// <summary>A prediction of this book, in order: scores the earlier ones it resolves, then waits for its own label.</summary>
    public void Add(CompletedPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        foreach (Label label in prediction.Resolved)
        {
            if (!_waiting.Remove(label.Sequence, out var w)) continue;
            _examples.Add(new EvaluationExample(w.Prediction.Sequence, w.Prediction.TimeNs, w.Prediction.PerModel, w.Prediction.Ensemble,
                label.Class, label.ReturnBps, w.Inputs, w.Index, _predictions) { EnsembleCall = w.Prediction.Call });
        }
        double[] inputs = _inputs.Remove(prediction.Sequence, out double[]? captured) ? captured : new double[_baselineFeatures.Length];
        _waiting[prediction.Sequence] = (prediction, inputs, _predictions++);
    }
}
