namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// Stacked LSTM, LayerNorm per step, additive attention over the steps (softmax of v . tanh(W h_t + b)), the weighted
/// sum, head (Models.Torch AttentionLstmNetwork). Run with a carried state (a lane of <see cref="LaneBookState"/>), it
/// keeps its last <c>span</c> steps' normalised outputs and scores in a ring, each computed once when its row arrives,
/// and a prediction is their softmax and weighted sum, in the window path's order.
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
        for (int t = 0; t < steps; t++) Attend(outputs.Slice(t * h, h), normed.AsSpan(t * h, h), out scores[t]);
        Summarise(scores.AsSpan(0, steps), normed, logits);
    }

    /// <summary>One step's normalised output and its attention score.</summary>
    private void Attend(ReadOnlySpan<float> output, Span<float> normed, out float score)
    {
        _norm.Apply(output, normed);
        Span<float> projected = stackalloc float[normed.Length];
        _project.Apply(normed, projected);
        VectorMath.Tanh(projected);
        Span<float> one = stackalloc float[1];
        _score.Apply(projected, one);
        score = one[0];
    }

    /// <summary>Softmax of the scores, the weighted sum of the normalised outputs (oldest first), the head.</summary>
    private void Summarise(ReadOnlySpan<float> scores, ReadOnlySpan<float> normed, Span<float> logits)
    {
        int h = _stack.Hidden, steps = scores.Length;
        float max = float.NegativeInfinity;
        foreach (float score in scores) max = MathF.Max(max, score);
        Span<float> weights = stackalloc float[steps];
        float total = 0;
        for (int t = 0; t < steps; t++) total += weights[t] = MathF.Exp(scores[t] - max);
        Span<float> summary = stackalloc float[h];
        summary.Clear();
        for (int t = 0; t < steps; t++)
        {
            float w = weights[t] / total;
            for (int k = 0; k < h; k++) summary[k] += w * normed[t * h + k];
        }
        _head.Apply(summary, logits);
    }

    // Carried state: the LSTM's, then a ring of span normalised outputs, then their span scores, oldest first.
    public override int CarriedWidth(int span) => _stack.StateWidth + span * (_stack.Hidden + 1);

    public override void Advance(ReadOnlySpan<float> encoded, Span<float> state, long before, int span)
    {
        _stack.Advance(encoded, state);
        int h = _stack.Hidden, slot = (int)(before % span), s = _stack.StateWidth;
        Attend(_stack.Top(state), state.Slice(s + slot * h, h), out state[s + span * h + slot]);
    }

    public override void ClassifyCarried(ReadOnlySpan<float> state, long rows, int span, Span<float> logits)
    {
        int h = _stack.Hidden, s = _stack.StateWidth, held = (int)Math.Min(rows, span);
        Summarise(state.Slice(s + span * h, held), state.Slice(s, held * h), logits);
    }
}
