namespace QuantumFlow.Models.Prediction.Neural.Checkpoints;

/// <summary>One named float32 tensor of a state dict: its shape and its values, row-major as torch keeps them.</summary>
public sealed record StoredTensor(string Name, int[] Shape, float[] Values)
{
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
