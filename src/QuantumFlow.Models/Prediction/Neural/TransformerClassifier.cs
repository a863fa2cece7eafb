using System.Numerics.Tensors;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// Linear embedding plus sinusoidal positions, encoder blocks, mean over the steps, LayerNorm, head
/// (Models.Torch TransformerNetwork). A row's encoding is its embedding e and the first block's projection W e: the
/// first block's queries, keys and values at position t are W e + (W p_t + b), the bracket precomputed per position,
/// so neither the embedding nor that projection is redone for a row already seen.
/// </summary>
public sealed class TransformerClassifier : SequenceClassifier
{
    private readonly DenseLayer _embed;
    private readonly float[] _positions;
    private readonly float[] _positionProjections;
    private readonly IReadOnlyList<TransformerEncoderBlock> _blocks;
    private readonly LayerNormLayer _norm;
    private readonly ClassifierHead _head;
    private float[] _x = [];
    private float[] _qkv = [];

    /// <param name="positions">maximum length x width, row-major</param>
    public TransformerClassifier(DenseLayer embed, float[] positions, IReadOnlyList<TransformerEncoderBlock> blocks, LayerNormLayer norm, ClassifierHead head)
    {
        int d = embed.Outputs;
        if (blocks.Count == 0 || blocks.Any(b => b.Width != d) || norm.Width != d || head.Inputs != d || positions.Length % d != 0)
            throw new ArgumentException("transformer layers do not fit one model width");
        _embed = embed;
        _positions = positions;
        _blocks = blocks;
        _norm = norm;
        _head = head;
        MaxSteps = positions.Length / d;
        _positionProjections = new float[MaxSteps * 3 * d];
        for (int t = 0; t < MaxSteps; t++) blocks[0].InProjection.Apply(positions.AsSpan(t * d, d), _positionProjections.AsSpan(t * 3 * d, 3 * d));
    }

    private TransformerClassifier(TransformerClassifier trained)
    {
        _embed = trained._embed;
        _positions = trained._positions;
        _positionProjections = trained._positionProjections;
        _blocks = [.. trained._blocks.Select(b => b.Fork())];
        _norm = trained._norm;
        _head = trained._head;
        MaxSteps = trained.MaxSteps;
    }

    public override SequenceClassifier Fork() => new TransformerClassifier(this);

    public int Width => _embed.Outputs;
    public int MaxSteps { get; }
    public override int Inputs => _embed.Inputs;
    public override int EncodedWidth => 4 * Width;

    public override void EncodeRow(ReadOnlySpan<float> scaled, Span<float> encoded)
    {
        int d = Width;
        _embed.Apply(scaled, encoded[..d]);
        _blocks[0].InProjection.Apply(encoded[..d], encoded.Slice(d, 3 * d), withBias: false);
    }

    public override void Classify(ReadOnlySpan<float> encodedRows, int steps, Span<float> logits)
    {
        if (steps > MaxSteps) throw new ArgumentOutOfRangeException(nameof(steps), $"at most {MaxSteps} steps");
        int d = Width, e = EncodedWidth;
        float[] x = Scratch.Grow(ref _x, steps * d);
        float[] qkv = Scratch.Grow(ref _qkv, steps * 3 * d);
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> row = encodedRows.Slice(t * e, e);
            TensorPrimitives.Add(row[..d], _positions.AsSpan(t * d, d), x.AsSpan(t * d, d));
            TensorPrimitives.Add(row.Slice(d, 3 * d), _positionProjections.AsSpan(t * 3 * d, 3 * d), qkv.AsSpan(t * 3 * d, 3 * d));
        }
        _blocks[0].Apply(x.AsSpan(0, steps * d), steps, qkv.AsSpan(0, steps * 3 * d));
        for (int b = 1; b < _blocks.Count; b++) _blocks[b].Apply(x.AsSpan(0, steps * d), steps);
        Span<float> pooled = stackalloc float[d];
        pooled.Clear();
        for (int t = 0; t < steps; t++) TensorPrimitives.Add(pooled, x.AsSpan(t * d, d), pooled);
        TensorPrimitives.Divide(pooled, steps, pooled);
        _norm.Apply(pooled, pooled);
        _head.Apply(pooled, logits);
    }
}
