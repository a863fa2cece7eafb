using System.Collections.Immutable;
using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>
/// Every model has answered: the per-model and ensemble probabilities, with the weights used to mix them, and the
/// labels this point resolved (of earlier predictions of the same book, oldest first). Those labels are the ones the
/// predictor scored its ensemble and taught its learners with: whoever needs an outcome (backtest, evaluate, the web
/// host's hit rates) takes it from here and never re-derives it.
/// </summary>
public sealed record CompletedPrediction(
    long Sequence,
    long TimeNs,
    long ReceiveTimeNs,
    ImmutableArray<ClassProbabilities> PerModel,
    ImmutableArray<double> Weights,
    ClassProbabilities Ensemble)
{
    /// <summary>The ensemble's call (<see cref="Ensembles.CallRule"/>): not always the arg max of its probabilities.</summary>
    public LabelClass Call { get; init; } = Ensemble.Predicted;

    public LabelClass Predicted => Call;
    /// <summary>The probability of the call.</summary>
    public double Confidence => Ensemble[Call];

    /// <summary>Labels of earlier predictions that this point resolved (empty in the common case of none).</summary>
    public ImmutableArray<Label> Resolved { get; init; } = [];
}
