namespace QuantumFlow.Models.Prediction.Ensembles;

/// <summary>What a model's recent score is made of.</summary>
public enum EnsembleScore
{
    /// <summary>EWMA of -log-loss: rewards calibrated probabilities, not just the right arg-max.</summary>
    LogLoss,
    /// <summary>EWMA of hit rate (1 if the predicted class was the label).</summary>
    Accuracy,
}

/// <summary>How the ensemble turns recent scores into weights: w = floor + (1 - n floor) softmax(score / T).</summary>
public sealed record EnsembleOptions
{
    public static readonly EnsembleOptions Default = new();

    public EnsembleScore Score { get; init; } = EnsembleScore.LogLoss;

    /// <summary>Half-life of the score EWMA, in resolved predictions (the seed used the last batch only). Chosen on validation (README).</summary>
    public double HalfLife { get; init; } = 1_000;

    /// <summary>
    /// Softmax temperature in score units; lower sharpens (the seed hard-coded 0.5 on accuracy). On the mean log-loss,
    /// 1/T is the number of labels whose summed log-loss decides the weights: 0.01 is exponential weighting (Bayesian
    /// model averaging) over about 100 labels. Chosen on data before the test parts (README, `evaluate --tune-ensemble`):
    /// members' log-losses differ by hundredths of a nat, so a softer mix lets a poor member dilute the best one.
    /// </summary>
    public double Temperature { get; init; } = 0.01;

    /// <summary>
    /// No model drops below this weight, so one that recovers is noticed (n floor must stay below 1). 0.05 (chosen with
    /// the temperature) also keeps some of every member in the mix, which tempers one member's over-confidence.
    /// </summary>
    public double Floor { get; init; } = 0.05;

    public void Validate()
    {
        if (!(HalfLife > 0) || double.IsInfinity(HalfLife)) throw new ArgumentException("the half-life must be positive and finite", nameof(HalfLife));
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw new ArgumentException("the temperature must be positive and finite", nameof(Temperature));
        if (!(Floor >= 0)) throw new ArgumentException("the floor must be >= 0", nameof(Floor));
    }
}
