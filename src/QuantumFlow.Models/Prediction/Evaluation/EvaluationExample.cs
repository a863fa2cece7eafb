using System.Collections.Immutable;
using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// One prediction the live path made and the label the predictor later resolved for it: what every model and the
/// ensemble said (in the predictor's model order), what came true, and the inputs of the baselines at that point.
/// </summary>
public sealed record EvaluationExample(
    long Sequence,
    long TimeNs,
    ImmutableArray<ClassProbabilities> PerModel,
    ClassProbabilities Ensemble,
    LabelClass Label,
    double ReturnBps,
    double[] BaselineInputs);
