using System.Numerics;
using System.Runtime.InteropServices;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// y = W x + b. Stored transposed (inputs x outputs) so that y is built as a sum of weight rows scaled by each input:
/// whole-vector multiply-adds and no horizontal sums, which matters at these widths (16-64 outputs), where a dot
/// product per output spends more on its call and final reduction than on arithmetic.
/// </summary>
public sealed class DenseLayer
{
    private readonly float[] _transposed;
    private readonly float[] _bias;

    /// <param name="weights">outputs x inputs, row-major, as torch's Linear keeps them</param>
    public DenseLayer(float[] weights, float[]? bias, int inputs, int outputs)
    {
        if (inputs < 1 || outputs < 1) throw new ArgumentException("a dense layer needs at least one input and one output");
        if (weights.Length != inputs * outputs) throw new ArgumentException($"{weights.Length} weights for {outputs}x{inputs}", nameof(weights));
        if (bias is not null && bias.Length != outputs) throw new ArgumentException($"{bias.Length} biases for {outputs} outputs", nameof(bias));
        _transposed = new float[inputs * outputs];
        for (int o = 0; o < outputs; o++)
        {
            for (int i = 0; i < inputs; i++) _transposed[i * outputs + o] = weights[o * inputs + i];
        }
        _bias = bias ?? new float[outputs];
        Inputs = inputs;
        Outputs = outputs;
    }

    public int Inputs { get; }
    public int Outputs { get; }

    public void Apply(ReadOnlySpan<float> x, Span<float> y) => Apply(x, y, withBias: true);

    /// <summary>W x, with or without b: for inputs split into parts whose projections are summed (bias added once).</summary>
    public void Apply(ReadOnlySpan<float> x, Span<float> y, bool withBias)
    {
        y = y[..Outputs];
        if (withBias) _bias.CopyTo(y);
        else y.Clear();
        Accumulate(x, y);
    }

    /// <summary>y += W x.</summary>
    public void Accumulate(ReadOnlySpan<float> x, Span<float> y)
    {
        int n = Outputs, width = Vector<float>.Count, vectorEnd = n - n % width;
        ReadOnlySpan<float> w = _transposed;
        Span<Vector<float>> yv = MemoryMarshal.Cast<float, Vector<float>>(y[..vectorEnd]);
        for (int i = 0; i < Inputs; i++)
        {
            float xi = x[i];
            if (xi == 0) continue;
            ReadOnlySpan<float> row = w.Slice(i * n, n);
            ReadOnlySpan<Vector<float>> rv = MemoryMarshal.Cast<float, Vector<float>>(row[..vectorEnd]);
            var scale = new Vector<float>(xi);
            for (int v = 0; v < yv.Length; v++) yv[v] += rv[v] * scale;
            for (int o = vectorEnd; o < n; o++) y[o] += row[o] * xi;
        }
    }
}
