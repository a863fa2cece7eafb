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
    private readonly Vector<float>[] _vectors;
    private readonly int _vectorsPerRow;
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
        _vectorsPerRow = outputs / Vector<float>.Count;
        _vectors = new Vector<float>[inputs * _vectorsPerRow];
        for (int i = 0; i < inputs; i++)
        {
            for (int v = 0; v < _vectorsPerRow; v++) _vectors[i * _vectorsPerRow + v] = new Vector<float>(_transposed, i * outputs + v * Vector<float>.Count);
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

    /// <summary>
    /// y += W x, one block of four output vectors at a time with the block's sums held in registers across all inputs.
    /// Each output sums its inputs in input order whatever the vector width, so results do not depend on the CPU.
    /// </summary>
    public void Accumulate(ReadOnlySpan<float> x, Span<float> y)
    {
        int nv = _vectorsPerRow, inputs = Inputs;
        ReadOnlySpan<Vector<float>> w = _vectors;
        Span<Vector<float>> yv = MemoryMarshal.Cast<float, Vector<float>>(y[..(nv * Vector<float>.Count)]);
        int b = 0;
        for (; b + 4 <= nv; b += 4)
        {
            Vector<float> a0 = yv[b], a1 = yv[b + 1], a2 = yv[b + 2], a3 = yv[b + 3];
            for (int i = 0, o = b; i < inputs; i++, o += nv)
            {
                var s = new Vector<float>(x[i]);
                a0 += w[o] * s;
                a1 += w[o + 1] * s;
                a2 += w[o + 2] * s;
                a3 += w[o + 3] * s;
            }
            yv[b] = a0;
            yv[b + 1] = a1;
            yv[b + 2] = a2;
            yv[b + 3] = a3;
        }
        for (; b < nv; b++)
        {
            Vector<float> a = yv[b];
            for (int i = 0, o = b; i < inputs; i++, o += nv) a += w[o] * new Vector<float>(x[i]);
            yv[b] = a;
        }
        ReadOnlySpan<float> t = _transposed;
        for (int o = nv * Vector<float>.Count; o < Outputs; o++)
        {
            float acc = y[o];
            for (int i = 0; i < inputs; i++) acc += t[i * Outputs + o] * x[i];
            y[o] = acc;
        }
    }
}
