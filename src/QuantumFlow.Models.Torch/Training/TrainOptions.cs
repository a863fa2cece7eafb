namespace QuantumFlow.Models.Torch.Training;

/// <summary>The training loop's settings (seed 4.6, with its ignored options made real: class weights, min delta).</summary>
public sealed record TrainOptions
{
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-4;
    public double ClipNorm { get; init; } = 1.0;
    public bool ClassWeights { get; init; } = true;
    /// <summary>Stop after this many epochs without the validation loss improving by <see cref="MinDelta"/>.</summary>
    public int Patience { get; init; } = 5;
    public double MinDelta { get; init; } = 1e-3;
    /// <summary>Halve the learning rate after this many epochs without improvement (ReduceLROnPlateau), down to <see cref="MinLearningRate"/>.</summary>
    public int LrPatience { get; init; } = 2;
    public double LrFactor { get; init; } = 0.5;
    public double MinLearningRate { get; init; } = 1e-5;
    public int Seed { get; init; } = 42;
}
