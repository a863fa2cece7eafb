namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>torch.nn.LayerNorm over the last dimension (biased variance, eps inside the square root).</summary>
public sealed class LayerNormLayer
{
    private readonly float[] _gain;
    private readonly float[] _bias;
    private readonly float _epsilon;

    public LayerNormLayer(float[] gain, float[] bias, float epsilon = 1e-5f)
    {
        if (gain.Length == 0 || gain.Length != bias.Length) throw new ArgumentException("layer norm gain and bias must have one equal, positive length");
        _gain = gain;
        _bias = bias;
        _epsilon = epsilon;
    }

    public int Width => _gain.Length;

    /// <summary>In place is allowed (<paramref name="y"/> may be <paramref name="x"/>).</summary>
    public void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        int n = Width;
        float mean = 0;
        for (int i = 0; i < n; i++) mean += x[i];
        mean /= n;
        float variance = 0;
        for (int i = 0; i < n; i++)
        {
            float d = x[i] - mean;
            variance += d * d;
        }
        float inv = 1f / MathF.Sqrt(variance / n + _epsilon);
        for (int i = 0; i < n; i++) y[i] = (x[i] - mean) * inv * _gain[i] + _bias[i];
    }
}
