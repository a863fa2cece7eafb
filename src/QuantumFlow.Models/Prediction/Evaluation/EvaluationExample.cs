using System.Collections.Immutable;
using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// One prediction the live path made and the label the predictor later resolved for it: what every model and the
/// ensemble said (in the predictor's model order), what came true, and the inputs of the baselines at that point.
/// <paramref name="Index"/> counts the book's predictions (this one's place) and <paramref name="ResolvedAt"/> is the
/// index of the prediction whose point resolved its label: the ensemble had learned from it from that one on, which
/// lets the ensemble be replayed exactly under other options (<see cref="Ensembles.EnsembleTuning"/>).
/// The ensemble's call, what it said would happen, is <see cref="EnsembleCall"/>.
/// </summary>
public sealed record EvaluationExample(
    long Sequence,
    long TimeNs,
    ImmutableArray<ClassProbabilities> PerModel,
    ClassProbabilities Ensemble,
    LabelClass Label,
    double ReturnBps,
    double[] BaselineInputs,
    long Index = 0,
    long ResolvedAt = 0)
{
    /// <summary>The ensemble's call (<see cref="Ensembles.CallRule"/>); the arg max of its probabilities unless set.</summary>
    public LabelClass EnsembleCall { get; init; } = Ensemble.Predicted;
}
