namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>One market's examples in time order, as the live path scored them, and its ensemble's weights at the end.</summary>
public sealed record MarketExamples(string Market, IReadOnlyList<EvaluationExample> Examples, double[] FinalEnsembleWeights);
