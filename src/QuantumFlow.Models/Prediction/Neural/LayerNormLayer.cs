using System.Numerics;
using System.Runtime.InteropServices;

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

    /// <summary>
    /// In place is allowed (<paramref name="y"/> may be <paramref name="x"/>). Widths that are whole vectors (16, 32,
    /// 64 here) sum lane-wise then across lanes: a norm sits on every step of every network, and the scalar sums were
    /// one long dependency chain each.
    /// </summary>
    public void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        int n = Width;
        if (n % Vector<float>.Count == 0)
        {
            ApplyVectors(x[..n], y[..n]);
            return;
        }
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

    private void ApplyVectors(ReadOnlySpan<float> x, Span<float> y)
    {
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        Span<Vector<float>> yv = MemoryMarshal.Cast<float, Vector<float>>(y);
        ReadOnlySpan<Vector<float>> gain = MemoryMarshal.Cast<float, Vector<float>>(_gain.AsSpan());
        ReadOnlySpan<Vector<float>> bias = MemoryMarshal.Cast<float, Vector<float>>(_bias.AsSpan());
        int n = x.Length;
        Vector<float> sum = Vector<float>.Zero;
        for (int v = 0; v < xv.Length; v++) sum += xv[v];
        var mean = new Vector<float>(Vector.Sum(sum) / n);
        Vector<float> squares = Vector<float>.Zero;
        for (int v = 0; v < xv.Length; v++)
        {
            Vector<float> d = xv[v] - mean;
            squares += d * d;
        }
        var inv = new Vector<float>(1f / MathF.Sqrt(Vector.Sum(squares) / n + _epsilon));
        for (int v = 0; v < xv.Length; v++) yv[v] = (xv[v] - mean) * inv * gain[v] + bias[v];
    }
}
