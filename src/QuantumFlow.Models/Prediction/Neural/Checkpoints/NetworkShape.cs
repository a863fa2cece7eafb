namespace QuantumFlow.Models.Prediction.Neural.Checkpoints;

/// <summary>
/// Hyperparameters of one network. Defaults are CPU-sized (the seed's 256-wide, 4-layer models cost 10-50x more per
/// prediction for no measured gain on this data): hidden 64, 1-2 layers, Transformer d 64 with 4 heads and one layer.
/// </summary>
public sealed record NetworkShape
{
    public NetworkKind Kind { get; init; } = NetworkKind.Lstm;
    public int Inputs { get; init; }
    public int Hidden { get; init; } = 64;
    public int Layers { get; init; } = 1;
    public double Dropout { get; init; } = 0.1;
    /// <summary>Transformer only: attention heads (must divide <see cref="Hidden"/>, the model width) and feed-forward width.</summary>
    public int Heads { get; init; } = 4;
    public int FeedForward { get; init; } = 128;

    public void Validate()
    {
        if (Inputs < 1 || Hidden < 1 || Layers < 1) throw new ArgumentException("inputs, hidden and layers must be positive");
        if (Kind == NetworkKind.Transformer && Hidden % Heads != 0) throw new ArgumentException("heads must divide the model width");
        // A second causal layer would need the first layer's output at every row of the window: the window re-run per prediction.
        if (Kind == NetworkKind.Transformer && Layers != 1) throw new ArgumentException($"a transformer has one layer, not {Layers}");
        if (!(Dropout is >= 0 and < 1)) throw new ArgumentException("dropout must be in [0, 1)");
    }
}
