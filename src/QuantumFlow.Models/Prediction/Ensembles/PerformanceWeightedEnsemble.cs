using System.Collections.Immutable;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Ensembles;

/// <summary>
/// Mixes the models' probabilities with weights from their recent record (seed spec 4.5, as recommended): an EWMA
/// of each model's score over resolved predictions, softmax with a temperature, plus a floor. One per symbol, since a
/// model can be good on one book and poor on another. Weights are readable at any time. Not thread-safe.
/// <para>
/// A member's score is the mean of its prior score, counted as <see cref="EnsembleOptions.PriorWeight"/> labels, and
/// its decayed scores on the book's labels (the EWMA's sum, weighed by its effective count 1 - keep^n over
/// 1 - keep). The prior is minus the member's validation log-loss, or minus ln 3 for a learner that starts as a
/// uniform guess: before a book's first labels (a horizon away) the trained members lead, and a few hundred labels
/// later the book's own record decides. The floor grows with the labels (<see cref="EnsembleOptions.FloorRamp"/>).
/// </para>
/// </summary>
public sealed class PerformanceWeightedEnsemble
{
    private readonly EnsembleOptions _options;
    private readonly double _keep;
    private readonly double[] _score;
    private readonly double[] _weights;
    private readonly long[] _resolved;
    private readonly double[] _prior;
    private double _keepPower = 1;

    /// <param name="validationLogLoss">Each model's validation log-loss (<see cref="IProbabilisticModel.ValidationLogLoss"/>), null where unknown; all unknown when omitted.</param>
    public PerformanceWeightedEnsemble(IEnumerable<string> modelNames, EnsembleOptions? options = null, IReadOnlyList<double?>? validationLogLoss = null)
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
        if (validationLogLoss is not null && validationLogLoss.Count != Models.Length)
            throw new ArgumentException($"{validationLogLoss.Count} validation log-losses for {Models.Length} models", nameof(validationLogLoss));
        _prior = [.. Enumerable.Range(0, Models.Length).Select(m => -(validationLogLoss?[m] ?? Math.Log(3)))];
        Reweigh();
    }

    public ImmutableArray<string> Models { get; }

    /// <summary>Current weights, in the order of <see cref="Models"/>; they sum to 1.</summary>
    public ImmutableArray<double> Weights => [.. _weights];

    /// <summary>The weights as they are now, without a copy (valid until the next <see cref="Resolve"/>).</summary>
    internal ReadOnlySpan<double> CurrentWeights => _weights;

    /// <summary>Each model's score (-log-loss or accuracy) as weighed: its prior and its decayed record, in the order of <see cref="Models"/>.</summary>
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

    /// <summary>The scores weighed (prior and record) into <paramref name="into"/>.</summary>
    private void Corrected(Span<double> into)
    {
        // Accuracy has no validation figure: its prior is a uniform guess's hit rate for every member.
        double k0 = _options.PriorWeight, effective = (1 - _keepPower) / (1 - _keep);
        for (int m = 0; m < _score.Length; m++)
        {
            double prior = _options.Score == EnsembleScore.LogLoss ? _prior[m] : 1.0 / 3;
            into[m] = effective + k0 > 0 ? (_score[m] / (1 - _keep) + k0 * prior) / (effective + k0) : prior;
        }
    }

    // Runs once per resolved label on the book's thread: the corrected scores go through _weights, nothing allocated.
    private void Reweigh()
    {
        Corrected(_weights);
        double max = double.NegativeInfinity;
        foreach (double s in _weights) max = Math.Max(max, s);
        double sum = 0;
        for (int m = 0; m < _weights.Length; m++) sum += _weights[m] = Math.Exp((_weights[m] - max) / _options.Temperature);
        double floor = _options.FloorRamp > 0 ? _options.Floor * Math.Min(1, _resolved[0] / _options.FloorRamp) : _options.Floor;
        double share = 1 - Models.Length * floor;
        for (int m = 0; m < _weights.Length; m++) _weights[m] = floor + share * _weights[m] / sum;
    }
}
