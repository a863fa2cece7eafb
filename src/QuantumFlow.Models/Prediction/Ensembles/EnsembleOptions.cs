namespace QuantumFlow.Models.Prediction.Ensembles;

/// <summary>What a model's recent score is made of.</summary>
public enum EnsembleScore
{
    /// <summary>EWMA of -log-loss: rewards calibrated probabilities, not just the right arg-max.</summary>
    LogLoss,
    /// <summary>EWMA of hit rate (1 if the predicted class was the label).</summary>
    Accuracy,
}

/// <summary>
/// How the ensemble turns recent scores into weights, w = floor + (1 - n floor) softmax(score / T), and how it makes its
/// call (<see cref="CallRule"/>).
/// </summary>
public sealed record EnsembleOptions
{
    public static readonly EnsembleOptions Default = new();

    public EnsembleScore Score { get; init; } = EnsembleScore.LogLoss;

    /// <summary>Half-life of the score EWMA, in resolved predictions (the seed used the last batch only). Chosen on validation (README).</summary>
    public double HalfLife { get; init; } = 1_000;

    /// <summary>
    /// Softmax temperature in score units; lower sharpens (the seed hard-coded 0.5 on accuracy). On the mean log-loss,
    /// 1/T is the number of labels whose summed log-loss decides the weights: 0.005 is exponential weighting (Bayesian
    /// model averaging) over about 200 labels. `evaluate --tune-ensemble`'s first choice (docs/evaluation/README.md says why it stayed):
    /// members' log-losses differ by hundredths of a nat, so a softer mix lets a poor member dilute the best one.
    /// </summary>
    public double Temperature { get; init; } = 0.005;

    /// <summary>
    /// No model drops below this weight, so one that recovers is noticed (n floor must stay below 1). 0.02 (chosen with
    /// the temperature) also keeps some of every member in the mix, which tempers one member's over-confidence.
    /// </summary>
    public double Floor { get; init; } = 0.02;

    /// <summary>
    /// How many labels' worth of belief each member's prior score carries (its validation log-loss; a uniform guess's
    /// for an online learner, which starts knowing nothing): the score a member is weighted by is the mean of that
    /// prior, counted this many times, and the book's recent labels. Before a book has labels, members proven on
    /// validation lead and the learners, still a uniform guess, wait; after a few hundred labels the book's own record
    /// decides. Chosen with the temperature (docs/evaluation/README.md).
    /// </summary>
    public double PriorWeight { get; init; } = 300;

    /// <summary>
    /// Labels over which the floor grows from 0 to <see cref="Floor"/>: a floor is insurance for a member that
    /// recovers, and before a book has labels it only mixes in members the prior already doubts.
    /// </summary>
    public double FloorRamp { get; init; } = 300;

    /// <summary>The exponents a of the call candidates arg max p_k / pi_k^a (<see cref="CallRule"/>); 0 must be first (the call during warm-up).</summary>
    public IReadOnlyList<double> CallExponents { get; init; } = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>Half-life, in resolved labels, of the candidates' records and of the label frequencies pi. Set once, not tuned.</summary>
    public double CallHalfLife { get; init; } = 2_000;

    /// <summary>Labels a book needs before its call may be other than the arg max.</summary>
    public int CallWarmup { get; init; } = 200;

    public void Validate()
    {
        if (!(HalfLife > 0) || double.IsInfinity(HalfLife)) throw new ArgumentException("the half-life must be positive and finite", nameof(HalfLife));
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw new ArgumentException("the temperature must be positive and finite", nameof(Temperature));
        if (!(Floor >= 0)) throw new ArgumentException("the floor must be >= 0", nameof(Floor));
        if (!(PriorWeight >= 0) || double.IsInfinity(PriorWeight)) throw new ArgumentException("the prior weight must be >= 0 and finite", nameof(PriorWeight));
        if (!(FloorRamp >= 0) || double.IsInfinity(FloorRamp)) throw new ArgumentException("the floor ramp must be >= 0 and finite", nameof(FloorRamp));
        if (CallExponents is not [0, ..] || CallExponents.Any(a => !(a >= 0) || double.IsInfinity(a)))
            throw new ArgumentException("the call exponents must be finite, >= 0, and start with 0", nameof(CallExponents));
        if (!(CallHalfLife > 0) || double.IsInfinity(CallHalfLife)) throw new ArgumentException("the call half-life must be positive and finite", nameof(CallHalfLife));
        if (CallWarmup < 0) throw new ArgumentException("the call warm-up must be >= 0", nameof(CallWarmup));
    }
}
