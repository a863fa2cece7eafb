namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>Stacked LSTM over the window or with a carried state, LayerNorm of the last output, head (Models.Torch LstmNetwork).</summary>
public sealed class LstmClassifier : SequenceClassifier
{
    private readonly LstmStack _stack;
    private readonly LayerNormLayer _norm;
    private readonly ClassifierHead _head;

    public LstmClassifier(IReadOnlyList<LstmLayer> layers, LayerNormLayer norm, ClassifierHead head)
    {
        _stack = new LstmStack(layers);
        if (norm.Width != _stack.Hidden || head.Inputs != _stack.Hidden) throw new ArgumentException("norm and head must take the LSTM's hidden width");
        _norm = norm;
        _head = head;
    }

    public override SequenceClassifier Fork() => new LstmClassifier(_stack.Layers, _norm, _head);

    public override int Inputs => _stack.Inputs;
    public override int EncodedWidth => _stack.EncodedWidth;

    public override void EncodeRow(ReadOnlySpan<float> scaled, Span<float> encoded) => _stack.EncodeRow(scaled, encoded);

    public override void Classify(ReadOnlySpan<float> encodedRows, int steps, Span<float> logits)
    {
        ReadOnlySpan<float> outputs = _stack.Run(encodedRows, steps);
        int h = _stack.Hidden;
        Span<float> last = stackalloc float[h];
        _norm.Apply(outputs.Slice((steps - 1) * h, h), last);
        _head.Apply(last, logits);
    }

    public override int CarriedWidth(int span) => _stack.StateWidth;

    public override void Advance(ReadOnlySpan<float> encoded, Span<float> state, long before, int span) => _stack.Advance(encoded, state);

    public override void ClassifyCarried(ReadOnlySpan<float> state, long rows, int span, Span<float> logits)
    {
        Span<float> last = stackalloc float[_stack.Hidden];
        _norm.Apply(_stack.Top(state), last);
        _head.Apply(last, logits);
    }
}
