using System.Numerics.Tensors;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// torch's TransformerEncoderLayer as the networks use it: post-norm, ReLU feed-forward, multi-head self-attention
/// without a mask. x = norm1(x + attention(x)); x = norm2(x + linear2(relu(linear1(x)))).
/// </summary>
public sealed class TransformerEncoderBlock
{
    private readonly DenseLayer _inProjection;
    private readonly DenseLayer _outProjection;
    private readonly LayerNormLayer _norm1;
    private readonly DenseLayer _linear1;
    private readonly DenseLayer _linear2;
    private readonly LayerNormLayer _norm2;
    private readonly int _heads;
    private float[] _qkv = [];
    private float[] _attended = [];
    private float[] _scores = [];

    public TransformerEncoderBlock(DenseLayer inProjection, DenseLayer outProjection, LayerNormLayer norm1, DenseLayer linear1, DenseLayer linear2,
        LayerNormLayer norm2, int heads)
    {
        int d = outProjection.Outputs;
        if (inProjection.Inputs != d || inProjection.Outputs != 3 * d || outProjection.Inputs != d || norm1.Width != d || norm2.Width != d
            || linear1.Inputs != d || linear2.Inputs != linear1.Outputs || linear2.Outputs != d)
            throw new ArgumentException("encoder block layers do not fit one model width");
        if (heads < 1 || d % heads != 0) throw new ArgumentException("heads must divide the model width");
        _inProjection = inProjection;
        _outProjection = outProjection;
        _norm1 = norm1;
        _linear1 = linear1;
        _linear2 = linear2;
        _norm2 = norm2;
        _heads = heads;
    }

    public int Width => _outProjection.Outputs;
    internal DenseLayer InProjection => _inProjection;

    /// <summary>
    /// Runs the block in place on <paramref name="x"/> (steps x width). <paramref name="qkv"/>, when given, holds the
    /// already projected queries, keys and values (steps x 3 width, biases included); otherwise they are computed.
    /// </summary>
    public void Apply(Span<float> x, int steps, ReadOnlySpan<float> qkv = default)
    {
        int d = Width, dh = d / _heads;
        if (qkv.IsEmpty)
        {
            float[] computed = Scratch.Grow(ref _qkv, steps * 3 * d);
            for (int t = 0; t < steps; t++) _inProjection.Apply(x.Slice(t * d, d), computed.AsSpan(t * 3 * d, 3 * d));
            qkv = computed.AsSpan(0, steps * 3 * d);
        }
        float[] attended = Scratch.Grow(ref _attended, steps * d);
        float[] scores = Scratch.Grow(ref _scores, steps);
        float scale = 1f / MathF.Sqrt(dh);
        // Plain index arithmetic over one span: at a head width of 8 the cost of slicing a span per dot product was
        // most of the layer's time. Each sum runs in index order, so results do not depend on the CPU.
        ReadOnlySpan<float> all = qkv;
        Span<float> weights = scores.AsSpan(0, steps);
        Span<float> output = stackalloc float[dh];
        int stride = 3 * d;
        for (int head = 0; head < _heads; head++)
        {
            int offset = head * dh;
            for (int t = 0; t < steps; t++)
            {
                int q = t * stride + offset;
                float max = float.NegativeInfinity;
                for (int s = 0, key = d + offset; s < steps; s++, key += stride)
                {
                    float dot = 0;
                    for (int k = 0; k < dh; k++) dot += all[q + k] * all[key + k];
                    weights[s] = dot * scale;
                    max = MathF.Max(max, weights[s]);
                }
                float total = 0;
                for (int s = 0; s < steps; s++) total += weights[s] = MathF.Exp(weights[s] - max);
                output.Clear();
                for (int s = 0, value = 2 * d + offset; s < steps; s++, value += stride)
                {
                    float w = weights[s] / total;
                    for (int k = 0; k < dh; k++) output[k] += w * all[value + k];
                }
                output.CopyTo(attended.AsSpan(t * d + offset, dh));
            }
        }
        Span<float> projected = stackalloc float[d];
        Span<float> hidden = stackalloc float[_linear1.Outputs];
        for (int t = 0; t < steps; t++)
        {
            Span<float> row = x.Slice(t * d, d);
            _outProjection.Apply(attended.AsSpan(t * d, d), projected);
            TensorPrimitives.Add(row, projected, row);
            _norm1.Apply(row, row);
            _linear1.Apply(row, hidden);
            for (int k = 0; k < hidden.Length; k++) hidden[k] = MathF.Max(hidden[k], 0);
            _linear2.Apply(hidden, projected);
            TensorPrimitives.Add(row, projected, row);
            _norm2.Apply(row, row);
        }
    }
}
