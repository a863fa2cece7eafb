using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// One torch LSTM layer (gate order i, f, g, o). The input projection W_ih x + b_ih + b_hh is split from the recurrent
/// step so that, in the first layer, it can be computed once per feature row and reused by every window holding it.
/// </summary>
public sealed class LstmLayer
{
    private readonly DenseLayer _input;
    private readonly DenseLayer _recurrent;

    /// <param name="inputWeights">weight_ih (4H x inputs)</param>
    /// <param name="recurrentWeights">weight_hh (4H x H)</param>
    public LstmLayer(float[] inputWeights, float[] recurrentWeights, float[] inputBias, float[] recurrentBias, int inputs, int hidden)
    {
        var bias = new float[4 * hidden];
        TensorPrimitives.Add(inputBias, recurrentBias, bias);
        _input = new DenseLayer(inputWeights, bias, inputs, 4 * hidden);
        _recurrent = new DenseLayer(recurrentWeights, null, hidden, 4 * hidden);
        Inputs = inputs;
        Hidden = hidden;
    }

    public int Inputs { get; }
    public int Hidden { get; }

    /// <summary>W_ih x + biases (4H values): the part of every gate that depends on this step's input only.</summary>
    public void Project(ReadOnlySpan<float> x, Span<float> gates) => _input.Apply(x, gates);

    /// <summary>
    /// One step from the projected input: updates <paramref name="h"/> and <paramref name="c"/> in place.
    /// <paramref name="scratch"/> holds 4H values. When the hidden width is whole vectors (16, 32, 64) the gates run
    /// fused, a vector of each gate at a time: a step is a few dozen vector operations, and nine library calls on
    /// spans of 16 cost more than their arithmetic.
    /// </summary>
    public void Step(ReadOnlySpan<float> projected, Span<float> h, Span<float> c, Span<float> scratch)
    {
        int n = Hidden;
        projected[..(4 * n)].CopyTo(scratch);
        _recurrent.Accumulate(h, scratch);
        if (n % Vector<float>.Count == 0)
        {
            Gates(scratch, h, c, n);
            return;
        }
        Span<float> i = scratch[..n], f = scratch.Slice(n, n), g = scratch.Slice(2 * n, n), o = scratch.Slice(3 * n, n);
        TensorPrimitives.Sigmoid(scratch[..(2 * n)], scratch[..(2 * n)]); // i and f are adjacent
        TensorPrimitives.Tanh(g, g);
        TensorPrimitives.Sigmoid(o, o);
        TensorPrimitives.Multiply(f, c, c);
        TensorPrimitives.Multiply(i, g, i);
        TensorPrimitives.Add(c, i, c);
        TensorPrimitives.Tanh(c, g); // g is spent: it holds tanh(c) now
        TensorPrimitives.Multiply(o, g, h);
    }

    private static void Gates(Span<float> gates, Span<float> h, Span<float> c, int n)
    {
        Span<Vector<float>> all = MemoryMarshal.Cast<float, Vector<float>>(gates[..(4 * n)]);
        Span<Vector<float>> hv = MemoryMarshal.Cast<float, Vector<float>>(h[..n]);
        Span<Vector<float>> cv = MemoryMarshal.Cast<float, Vector<float>>(c[..n]);
        int k = hv.Length;
        for (int v = 0; v < k; v++)
        {
            Vector<float> i = VectorMath.Sigmoid(all[v]), f = VectorMath.Sigmoid(all[k + v]), g = VectorMath.Tanh(all[2 * k + v]),
                o = VectorMath.Sigmoid(all[3 * k + v]);
            Vector<float> cell = f * cv[v] + i * g;
            cv[v] = cell;
            hv[v] = o * VectorMath.Tanh(cell);
        }
    }
}
