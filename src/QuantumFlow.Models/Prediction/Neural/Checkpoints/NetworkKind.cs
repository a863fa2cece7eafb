namespace QuantumFlow.Models.Prediction.Neural.Checkpoints;

/// <summary>The sequence architectures (seed spec 4.1-4.3, sized for CPU inference).</summary>
public enum NetworkKind
{
    Lstm,
    AttentionLstm,
    Transformer,
}
