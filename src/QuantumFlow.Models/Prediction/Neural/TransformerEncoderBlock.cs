using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

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
    private float[] _keys = [];
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

    /// <summary>The same trained block with scratch buffers of its own, for another thread.</summary>
    public TransformerEncoderBlock Fork() => new(_inProjection, _outProjection, _norm1, _linear1, _linear2, _norm2, _heads);

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
        Attend(qkv, steps, attended);
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

    /// <summary>
    /// Scaled dot-product attention of every step over every step, per head, into <paramref name="attended"/> (steps x
    /// width). The keys are laid out transposed (per key dimension, one run over the steps), so one query's scores over
    /// all steps are whole-vector multiply-adds, one per key dimension; the softmax runs on those vectors (maximum,
    /// exponentials from <see cref="VectorMath"/>, total), and the weighted values are one multiply-add per step over
    /// the head's dimensions, scaled by the total once. At these sizes (20 steps, heads of 8) the cost was in
    /// per-element work around the arithmetic, not in the arithmetic.
    /// </summary>
    private void Attend(ReadOnlySpan<float> qkv, int steps, float[] attended)
    {
        int d = Width, dh = d / _heads, stride = 3 * d, lanes = Vector<float>.Count;
        int padded = (steps + lanes - 1) / lanes * lanes, blocks = padded / lanes;
        float[] keys = Scratch.Grow(ref _keys, d * padded);
        for (int s = 0; s < steps; s++)
        {
            ReadOnlySpan<float> key = qkv.Slice(s * stride + d, d);
            for (int j = 0; j < d; j++) keys[j * padded + s] = key[j];
        }
        float[] scores = Scratch.Grow(ref _scores, padded);
        Span<Vector<float>> sv = MemoryMarshal.Cast<float, Vector<float>>(scores.AsSpan(0, padded));
        ReadOnlySpan<Vector<float>> kv = MemoryMarshal.Cast<float, Vector<float>>(keys.AsSpan(0, d * padded));
        // Lanes past the last step take no part in the maximum or the total.
        Vector<float> tail = Vector.AsVectorSingle(Vector.LessThan(Vector<int>.Indices, new Vector<int>(steps - (blocks - 1) * lanes)));
        var scale = new Vector<float>(1f / MathF.Sqrt(dh));
        var lowest = new Vector<float>(float.NegativeInfinity);
        // Heads one vector wide (the shipped Transformer: 32 wide, 4 heads of 8) read values and write outputs as vectors.
        bool vectorHeads = dh == lanes && d % lanes == 0;
        ReadOnlySpan<Vector<float>> qkvVectors = vectorHeads ? MemoryMarshal.Cast<float, Vector<float>>(qkv) : default;
        Span<Vector<float>> outVectors = vectorHeads ? MemoryMarshal.Cast<float, Vector<float>>(attended.AsSpan(0, steps * d)) : default;
        for (int head = 0; head < _heads; head++)
        {
            int offset = head * dh;
            for (int t = 0; t < steps; t++)
            {
                ReadOnlySpan<float> query = qkv.Slice(t * stride + offset, dh);
                Vector<float> top = lowest;
                for (int b = 0; b < blocks; b++)
                {
                    Vector<float> acc = Vector<float>.Zero;
                    for (int k = 0, row = offset * blocks + b; k < dh; k++, row += blocks) acc += new Vector<float>(query[k]) * kv[row];
                    acc *= scale;
                    sv[b] = acc;
                    top = Vector.Max(top, b == blocks - 1 ? Vector.ConditionalSelect(tail, acc, lowest) : acc);
                }
                float max = top[0];
                for (int l = 1; l < lanes; l++)
                {
                    float v = top[l];
                    if (v > max) max = v;
                }
                var shift = new Vector<float>(max);
                Vector<float> sum = Vector<float>.Zero;
                for (int b = 0; b < blocks; b++)
                {
                    Vector<float> e = VectorMath.Exp(sv[b] - shift);
                    sv[b] = e;
                    sum += b == blocks - 1 ? Vector.ConditionalSelect(tail, e, Vector<float>.Zero) : e;
                }
                float inverse = 1f / Vector.Sum(sum);
                if (vectorHeads)
                {
                    Vector<float> acc = Vector<float>.Zero;
                    for (int s = 0, value = (2 * d + offset) / lanes; s < steps; s++, value += stride / lanes)
                        acc += new Vector<float>(scores[s]) * qkvVectors[value];
                    outVectors[(t * d + offset) / lanes] = acc * new Vector<float>(inverse);
                }
                else
                {
                    Span<float> output = attended.AsSpan(t * d + offset, dh);
                    output.Clear();
                    for (int s = 0; s < steps; s++)
                    {
                        float w = scores[s] * inverse;
                        ReadOnlySpan<float> value = qkv.Slice(s * stride + 2 * d + offset, dh);
                        for (int k = 0; k < dh; k++) output[k] += w * value[k];
                    }
                }
            }
        }
    }
}
