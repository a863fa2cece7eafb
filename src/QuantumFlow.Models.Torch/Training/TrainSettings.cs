using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.Torch.Networks;

namespace QuantumFlow.Models.Torch.Training;

/// <summary>What <see cref="ModelTrainer"/> trains: label, window, architectures, search size, where checkpoints go.</summary>
public sealed record TrainSettings
{
    public required string OutDirectory { get; init; }
    public LabelOptions Labels { get; init; } = LabelOptions.Trading;
    public int Window { get; init; } = 20;
    public IReadOnlyList<NetworkKind> Kinds { get; init; } = [NetworkKind.Lstm, NetworkKind.AttentionLstm, NetworkKind.Transformer];
    public int Trials { get; init; } = 3;
    public int Epochs { get; init; } = 15;
    public int MaxTrainExamples { get; init; } = 20_000;
    public int Threads { get; init; } = 1;
    public int Seed { get; init; } = 42;

    /// <summary>Also fit the logistic member (cheap; off only for tests of one network).</summary>
    public bool Logistic { get; init; } = true;

    /// <summary>Also fit gradient-boosted trees on the same rows and report their validation log-loss next to the logistic's (<see cref="TreeCandidate"/>).</summary>
    public bool Trees { get; init; }
}
