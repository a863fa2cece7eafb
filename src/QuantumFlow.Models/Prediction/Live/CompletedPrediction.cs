using System.Collections.Immutable;
using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>Every model has answered: the per-model and ensemble probabilities, with the weights used to mix them.</summary>
public sealed record CompletedPrediction(
    long Sequence,
    long TimeNs,
    long ReceiveTimeNs,
    ImmutableArray<ClassProbabilities> PerModel,
    ImmutableArray<double> Weights,
    ClassProbabilities Ensemble)
{
    public LabelClass Predicted => Ensemble.Predicted;
    public double Confidence => Ensemble.Confidence;
}
