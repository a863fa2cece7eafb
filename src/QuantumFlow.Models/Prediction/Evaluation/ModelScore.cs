namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>One model's report on a set of examples, with block-bootstrap 95 % intervals on macro-F1 and log-loss.</summary>
public sealed record ModelScore(string Model, string FitOn, ClassificationReport Report, Interval MacroF1Interval, Interval LogLossInterval);
