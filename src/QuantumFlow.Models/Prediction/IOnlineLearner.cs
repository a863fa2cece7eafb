using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction;

/// <summary>
/// A model that keeps learning live: told the label of a past prediction once its horizon has passed, together with
/// the feature row it predicted from (the state then, not now).
/// </summary>
public interface IOnlineLearner : IProbabilisticModel
{
    void Learn(ReadOnlySpan<double> featuresAtPrediction, LabelClass label);
}
