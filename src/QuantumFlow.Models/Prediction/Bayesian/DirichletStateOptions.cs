using QuantumFlow.Models.Features;

namespace QuantumFlow.Models.Prediction.Bayesian;

/// <summary>
/// The Bayesian online learner's settings: which features define the market state, how they are cut into buckets,
/// and how fast old evidence is forgotten. Defaults: 3 OFI x 3 imbalance x 2 spread buckets = 18 states.
/// </summary>
public sealed record DirichletStateOptions
{
    public static readonly DirichletStateOptions Default = new();

    public string Name { get; init; } = "bayes-state";

    /// <summary>False: one state only, the seed's running label frequency (with forgetting): a baseline.</summary>
    public bool Conditioned { get; init; } = true;

    /// <summary>Depth-normalised CKS OFI: negative, near zero or positive.</summary>
    public string OfiFeature { get; init; } = FeatureNames.CksOfiNorm(5, 50);

    /// <summary>OFI within +- this times its running mean |OFI| counts as near zero (scale-free across symbols).</summary>
    public double OfiDeadZone { get; init; } = 0.5;

    /// <summary>Volume imbalance ratio in [-1, 1]: below -cut, between, above +cut.</summary>
    public string ImbalanceFeature { get; init; } = FeatureNames.VolumeImbalanceRatio;
    public double ImbalanceCut { get; init; } = 0.3;

    /// <summary>Spread regime: wide when the spread exceeds this times its running mean (tick sizes differ per symbol).</summary>
    public string SpreadFeature { get; init; } = FeatureNames.SpreadBps;
    public double WideSpreadRatio { get; init; } = 1.5;

    /// <summary>Evidence halves after this many label updates: alpha &lt;- l alpha + (1 - l) alpha_prior, l = 0.5^(1/half-life).</summary>
    public double ForgettingHalfLife { get; init; } = 2_000;

    /// <summary>Half-life, in updates, of the running scales behind the OFI and spread cuts.</summary>
    public double ScaleHalfLife { get; init; } = 5_000;

    /// <summary>Dirichlet prior per class.</summary>
    public double PriorAlpha { get; init; } = 1;

    /// <summary>
    /// How many pseudo-observations of the all-states label mix a state starts from, so a rarely seen state predicts
    /// the overall mix instead of uniform.
    /// </summary>
    public double PoolStrength { get; init; } = 3;

    public void Validate()
    {
        if (!(ForgettingHalfLife > 0)) throw new ArgumentException("the forgetting half-life must be positive (infinity: no forgetting)", nameof(ForgettingHalfLife));
        if (!(ScaleHalfLife > 0) || double.IsInfinity(ScaleHalfLife)) throw new ArgumentException("the scale half-life must be positive and finite", nameof(ScaleHalfLife));
        if (!(PriorAlpha > 0)) throw new ArgumentException("the prior must be positive", nameof(PriorAlpha));
        if (!(PoolStrength >= 0)) throw new ArgumentException("the pool strength must be >= 0", nameof(PoolStrength));
        if (!(ImbalanceCut is > 0 and < 1)) throw new ArgumentException("the imbalance cut must be in (0, 1)", nameof(ImbalanceCut));
        if (!(OfiDeadZone >= 0) || !(WideSpreadRatio > 0)) throw new ArgumentException("cuts must be positive");
    }
}
