namespace QuantumFlow.Models.Torch.Training;

/// <summary>Scaled training examples: <see cref="X"/> is (count x window x features) row-major, <see cref="Y"/> the classes 0..2.</summary>
public sealed record SequenceData(float[] X, int[] Y, int Window, int Features)
{
    public int Count => Y.Length;

    /// <summary>Inverse-frequency class weights (n / (3 n_c)), so a dominant FLAT class cannot win by default (seed flaw 16).</summary>
    public float[] ClassWeights()
    {
        var counts = new double[3];
        foreach (int y in Y) counts[y]++;
        return [.. counts.Select(c => c > 0 ? (float)(Count / (3 * c)) : 0f)];
    }
}
