namespace QuantumFlow.Models.Torch.Training;

/// <summary>
/// The training loop's settings (seed 4.6, with its ignored options made real: min delta). Class weights are off by
/// default: they buy recall of the rare classes by teaching the network wrong priors, and its probabilities are then
/// over-confident in UP and DOWN on every market (the shipped checkpoints said DOWN for 76-78 % of spot rows).
/// </summary>
public sealed record TrainOptions
{
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-4;
    public double ClipNorm { get; init; } = 1.0;
    public bool ClassWeights { get; init; }
    /// <summary>Stop after this many epochs without the validation loss improving by <see cref="MinDelta"/>.</summary>
    public int Patience { get; init; } = 5;
    public double MinDelta { get; init; } = 1e-3;
    /// <summary>Halve the learning rate after this many epochs without improvement (ReduceLROnPlateau), down to <see cref="MinLearningRate"/>.</summary>
    public int LrPatience { get; init; } = 2;
    public double LrFactor { get; init; } = 0.5;
    public double MinLearningRate { get; init; } = 1e-5;
    public int Seed { get; init; } = 42;
}
