namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// Stacked LSTM, LayerNorm per step, additive attention over the steps (softmax of v . tanh(W h_t + b)), the weighted
/// sum, head (Models.Torch AttentionLstmNetwork).
/// </summary>
public sealed class AttentionLstmClassifier : SequenceClassifier
{
    private readonly LstmStack _stack;
    private readonly LayerNormLayer _norm;
    private readonly DenseLayer _project;
    private readonly DenseLayer _score;
    private readonly ClassifierHead _head;
    private float[] _normed = [];
    private float[] _scores = [];

    public AttentionLstmClassifier(IReadOnlyList<LstmLayer> layers, LayerNormLayer norm, DenseLayer project, DenseLayer score, ClassifierHead head)
    {
        _stack = new LstmStack(layers);
        int h = _stack.Hidden;
        if (norm.Width != h || project.Inputs != h || project.Outputs != h || score.Inputs != h || score.Outputs != 1 || head.Inputs != h)
            throw new ArgumentException("attention layers must take the LSTM's hidden width");
        _norm = norm;
        _project = project;
        _score = score;
        _head = head;
    }

    public override SequenceClassifier Fork() => new AttentionLstmClassifier(_stack.Layers, _norm, _project, _score, _head);

    public override int Inputs => _stack.Inputs;
    public override int EncodedWidth => _stack.EncodedWidth;

    public override void EncodeRow(ReadOnlySpan<float> scaled, Span<float> encoded) => _stack.EncodeRow(scaled, encoded);

    public override void Classify(ReadOnlySpan<float> encodedRows, int steps, Span<float> logits)
    {
        ReadOnlySpan<float> outputs = _stack.Run(encodedRows, steps);
        int h = _stack.Hidden;
        float[] normed = Scratch.Grow(ref _normed, steps * h);
        float[] scores = Scratch.Grow(ref _scores, steps);
        Span<float> projected = stackalloc float[h];
        Span<float> score = stackalloc float[1];
        float max = float.NegativeInfinity;
        for (int t = 0; t < steps; t++)
        {
            Span<float> n = normed.AsSpan(t * h, h);
            _norm.Apply(outputs.Slice(t * h, h), n);
            _project.Apply(n, projected);
            VectorMath.Tanh(projected);
            _score.Apply(projected, score);
            scores[t] = score[0];
            max = MathF.Max(max, score[0]);
        }
        float total = 0;
        for (int t = 0; t < steps; t++) total += scores[t] = MathF.Exp(scores[t] - max);
        Span<float> summary = stackalloc float[h];
        summary.Clear();
        for (int t = 0; t < steps; t++)
        {
            float w = scores[t] / total;
            for (int k = 0; k < h; k++) summary[k] += w * normed[t * h + k];
        }
        _head.Apply(summary, logits);
    }
}
