using System.Numerics.Tensors;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// The one-layer causal Transformer read out at the newest row (Models.Torch TransformerNetwork). A row's encoding is
/// its embedding e and its projection W e; its query, key and value at age a are W e + (W p_a + b), the bracket
/// precomputed per age. So a prediction embeds and projects nothing already seen: it forms the newest row's query,
/// scores it against the window's keys, and runs the post-norm block and the head on that one row.
/// </summary>
public sealed class TransformerClassifier : SequenceClassifier
{
    private readonly DenseLayer _embed;
    private readonly float[] _newestPosition;
    private readonly float[] _ageProjections;
    private readonly DenseLayer _inProjection;
    private readonly DenseLayer _outProjection;
    private readonly LayerNormLayer _norm1;
    private readonly DenseLayer _linear1;
    private readonly DenseLayer _linear2;
    private readonly LayerNormLayer _norm2;
    private readonly int _heads;
    private readonly ClassifierHead _head;
    private float[] _scores = [];

    /// <param name="positions">the encoding of each age (0 = newest), maximum length x width, row-major</param>
    public TransformerClassifier(DenseLayer embed, float[] positions, DenseLayer inProjection, DenseLayer outProjection, LayerNormLayer norm1,
        DenseLayer linear1, DenseLayer linear2, LayerNormLayer norm2, int heads, ClassifierHead head)
    {
        int d = embed.Outputs;
        if (inProjection.Inputs != d || inProjection.Outputs != 3 * d || outProjection.Inputs != d || outProjection.Outputs != d
            || norm1.Width != d || norm2.Width != d || linear1.Inputs != d || linear2.Inputs != linear1.Outputs || linear2.Outputs != d
            || head.Inputs != d || positions.Length < d || positions.Length % d != 0)
            throw new ArgumentException("transformer layers do not fit one model width");
        if (heads < 1 || d % heads != 0) throw new ArgumentException("heads must divide the model width");
        _embed = embed;
        _newestPosition = positions[..d];
        _inProjection = inProjection;
        _outProjection = outProjection;
        _norm1 = norm1;
        _linear1 = linear1;
        _linear2 = linear2;
        _norm2 = norm2;
        _heads = heads;
        _head = head;
        MaxSteps = positions.Length / d;
        _ageProjections = new float[MaxSteps * 3 * d];
        for (int a = 0; a < MaxSteps; a++) inProjection.Apply(positions.AsSpan(a * d, d), _ageProjections.AsSpan(a * 3 * d, 3 * d));
    }

    /// <summary>The weights and the per-age projections are read-only and shared; only the score buffer is per fork.</summary>
    public override SequenceClassifier Fork()
    {
        var fork = (TransformerClassifier)MemberwiseClone();
        fork._scores = [];
        return fork;
    }

    public int Width => _embed.Outputs;
    public int MaxSteps { get; }
    public override int Inputs => _embed.Inputs;
    public override int EncodedWidth => 4 * Width;

    public override void EncodeRow(ReadOnlySpan<float> scaled, Span<float> encoded)
    {
        int d = Width;
        _embed.Apply(scaled, encoded[..d]);
        _inProjection.Apply(encoded[..d], encoded.Slice(d, 3 * d), withBias: false);
    }

    public override void Classify(ReadOnlySpan<float> encodedRows, int steps, Span<float> logits)
    {
        if (steps < 1 || steps > MaxSteps) throw new ArgumentOutOfRangeException(nameof(steps), $"1 to {MaxSteps} steps");
        int d = Width, e = EncodedWidth, dh = d / _heads;
        ReadOnlySpan<float> newest = encodedRows.Slice((steps - 1) * e, e);
        Span<float> x = stackalloc float[d];
        Span<float> query = stackalloc float[d];
        TensorPrimitives.Add(newest[..d], _newestPosition, x);
        TensorPrimitives.Add(newest.Slice(d, d), _ageProjections.AsSpan(0, d), query);

        // Scores per head, one run of steps each, then a softmax per run.
        float[] scores = Scratch.Grow(ref _scores, _heads * steps);
        Span<float> part = stackalloc float[d];
        float scale = 1f / MathF.Sqrt(dh);
        for (int t = 0; t < steps; t++)
        {
            int age = steps - 1 - t;
            TensorPrimitives.Add(encodedRows.Slice(t * e + 2 * d, d), _ageProjections.AsSpan(age * 3 * d + d, d), part);
            for (int h = 0; h < _heads; h++) scores[h * steps + t] = TensorPrimitives.Dot(query.Slice(h * dh, dh), part.Slice(h * dh, dh)) * scale;
        }
        for (int h = 0; h < _heads; h++)
        {
            Span<float> run = scores.AsSpan(h * steps, steps);
            TensorPrimitives.Subtract(run, TensorPrimitives.Max(run), run);
            TensorPrimitives.Exp(run, run);
            TensorPrimitives.Divide(run, TensorPrimitives.Sum(run), run);
        }

        Span<float> attended = stackalloc float[d];
        attended.Clear();
        for (int t = 0; t < steps; t++)
        {
            int age = steps - 1 - t;
            TensorPrimitives.Add(encodedRows.Slice(t * e + 3 * d, d), _ageProjections.AsSpan(age * 3 * d + 2 * d, d), part);
            for (int h = 0; h < _heads; h++)
            {
                Span<float> head = attended.Slice(h * dh, dh);
                TensorPrimitives.MultiplyAdd(part.Slice(h * dh, dh), scores[h * steps + t], head, head);
            }
        }

        // torch's post-norm encoder layer on the newest row: x = norm1(x + attention); x = norm2(x + linear2(relu(linear1(x)))).
        _outProjection.Apply(attended, part);
        TensorPrimitives.Add(x, part, x);
        _norm1.Apply(x, x);
        Span<float> hidden = stackalloc float[_linear1.Outputs];
        _linear1.Apply(x, hidden);
        TensorPrimitives.Max(hidden, 0f, hidden);
        _linear2.Apply(hidden, part);
        TensorPrimitives.Add(x, part, x);
        _norm2.Apply(x, x);
        _head.Apply(x, logits);
    }
}
