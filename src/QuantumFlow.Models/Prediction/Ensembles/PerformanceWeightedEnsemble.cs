using System.Collections.Immutable;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Ensembles;

/// <summary>
/// Mixes the models' probabilities with weights from their recent record (seed spec 4.5, as recommended): an EWMA
/// of each model's score over resolved predictions, softmax with a temperature, plus a floor. One per symbol, since a
/// model can be good on one book and poor on another. Weights are readable at any time. Not thread-safe.
/// <para>
/// The EWMA is bias-corrected (divided by 1 - keep^n after n labels, as Adam's moments are): it is the recent mean
/// score from the first label on, so a member that is clearly better in a book's first hundred labels is weighted as
/// such at once, instead of after a half-life of drifting away from a common starting score. Before any label the
/// weights are equal.
/// </para>
/// </summary>
public sealed class PerformanceWeightedEnsemble
{
    private readonly EnsembleOptions _options;
    private readonly double _keep;
    private readonly double[] _score;
    private readonly double[] _weights;
    private readonly long[] _resolved;
    private double _keepPower = 1;

    public PerformanceWeightedEnsemble(IEnumerable<string> modelNames, EnsembleOptions? options = null)
    {
        _options = options ?? EnsembleOptions.Default;
        _options.Validate();
        Models = [.. modelNames];
        if (Models.Length == 0) throw new ArgumentException("an ensemble needs at least one model", nameof(modelNames));
        if (Models.Length * _options.Floor >= 1) throw new ArgumentException("the floor leaves no weight to share", nameof(options));
        _keep = Math.Pow(0.5, 1 / _options.HalfLife);
        _score = new double[Models.Length];
        _weights = new double[Models.Length];
        _resolved = new long[Models.Length];
        Reweigh();
    }

    public ImmutableArray<string> Models { get; }

    /// <summary>Current weights, in the order of <see cref="Models"/>; they sum to 1.</summary>
    public ImmutableArray<double> Weights => [.. _weights];

    /// <summary>The weights as they are now, without a copy (valid until the next <see cref="Resolve"/>).</summary>
    internal ReadOnlySpan<double> CurrentWeights => _weights;

    /// <summary>Each model's bias-corrected EWMA score (-log-loss or accuracy), in the order of <see cref="Models"/>; as a uniform guess would score before any label.</summary>
    public ImmutableArray<double> Scores
    {
        get
        {
            var scores = new double[_score.Length];
            Corrected(scores);
            return [.. scores];
        }
    }

    public double WeightOf(string model) => _weights[Models.IndexOf(model) is var i and >= 0 ? i : throw new KeyNotFoundException(model)];

    /// <summary>Sum of w_m p_m with the current weights, <paramref name="perModel"/> in the order of <see cref="Models"/>.</summary>
    public ClassProbabilities Combine(ReadOnlySpan<ClassProbabilities> perModel)
    {
        if (perModel.Length != Models.Length) throw new ArgumentException($"{perModel.Length} predictions for {Models.Length} models", nameof(perModel));
        return Combine(perModel, _weights);
    }

    /// <summary>Sum of w_m p_m with given weights (those of an earlier moment: a prediction is mixed with the weights it was made with).</summary>
    public static ClassProbabilities Combine(ReadOnlySpan<ClassProbabilities> perModel, ReadOnlySpan<double> weights)
    {
        if (perModel.Length != weights.Length) throw new ArgumentException($"{perModel.Length} predictions for {weights.Length} weights", nameof(perModel));
        double d = 0, f = 0, u = 0;
        for (int m = 0; m < perModel.Length; m++)
        {
            double w = weights[m];
            d += w * perModel[m].Down;
            f += w * perModel[m].Flat;
            u += w * perModel[m].Up;
        }
        return ClassProbabilities.Normalized(d, f, u);
    }

    /// <summary>A past prediction's label is known: score each model on what it said then, and reweigh.</summary>
    public void Resolve(ReadOnlySpan<ClassProbabilities> predicted, LabelClass label)
    {
        if (predicted.Length != Models.Length) throw new ArgumentException($"{predicted.Length} predictions for {Models.Length} models", nameof(predicted));
        for (int m = 0; m < predicted.Length; m++)
        {
            double s = _options.Score == EnsembleScore.LogLoss ? -predicted[m].LogLoss(label) : predicted[m].Predicted == label ? 1 : 0;
            _score[m] = _keep * _score[m] + (1 - _keep) * s;
            _resolved[m]++;
        }
        _keepPower *= _keep;
        Reweigh();
    }

    /// <summary>The bias-corrected scores into <paramref name="into"/>; before any label, a uniform guess's score for all.</summary>
    public void Save(StateWriter w)
    {
        w.Begin("ensemble");
        w.Write(_score);
        w.Write(_weights);
        w.Write(_resolved);
        w.Write(_keepPower);
    }

    public void Load(StateReader r)
    {
        r.Begin("ensemble");
        r.ReadInto(_score);
        r.ReadInto(_weights);
        r.ReadInto(_resolved);
        _keepPower = r.ReadDouble();
    }

    /// <summary>Forgets every score: equal weights, as new.</summary>
    public void Forget()
    {
        Array.Clear(_score);
        Array.Clear(_resolved);
        _keepPower = 1;
        Reweigh();
    }

    private void Corrected(Span<double> into)
    {
        if (_keepPower < 1) for (int m = 0; m < _score.Length; m++) into[m] = _score[m] / (1 - _keepPower);
        else into.Fill(_options.Score == EnsembleScore.LogLoss ? -Math.Log(3) : 1.0 / 3);
    }

    // Runs once per resolved label on the book's thread: the corrected scores go through _weights, nothing allocated.
    private void Reweigh()
    {
        Corrected(_weights);
        double max = double.NegativeInfinity;
        foreach (double s in _weights) max = Math.Max(max, s);
        double sum = 0;
        for (int m = 0; m < _weights.Length; m++) sum += _weights[m] = Math.Exp((_weights[m] - max) / _options.Temperature);
        double share = 1 - Models.Length * _options.Floor;
        for (int m = 0; m < _weights.Length; m++) _weights[m] = _options.Floor + share * _weights[m] / sum;
    }
}
