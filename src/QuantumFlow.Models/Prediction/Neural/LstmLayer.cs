using System.Numerics.Tensors;

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
    /// <paramref name="scratch"/> holds 4H values.
    /// </summary>
    public void Step(ReadOnlySpan<float> projected, Span<float> h, Span<float> c, Span<float> scratch)
    {
        int n = Hidden;
        _recurrent.Apply(h, scratch, withBias: false);
        TensorPrimitives.Add(scratch, projected[..(4 * n)], scratch);
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
}
