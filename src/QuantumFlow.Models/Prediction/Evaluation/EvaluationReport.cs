namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>The evaluate verb's result: what was scored, under which label, per market and pooled.</summary>
public sealed record EvaluationReport(
    string Data,
    string Label,
    double RoundTripCostBps,
    string[] EnsembleMembers,
    int Examples,
    string Bootstrap,
    IReadOnlyList<ModelScore> Pooled,
    IReadOnlyList<MarketEvaluation> Markets);
