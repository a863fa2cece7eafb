namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// One market's examples in time order, as the live path scored them, its ensemble's weights at the end, and how
/// often each model input sat on its scaler's clip (empty when no scaler was given).
/// </summary>
public sealed record MarketExamples(string Market, IReadOnlyList<EvaluationExample> Examples, double[] FinalEnsembleWeights)
{
    public IReadOnlyList<InputClip> InputClips { get; init; } = [];
}
