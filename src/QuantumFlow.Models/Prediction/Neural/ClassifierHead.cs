namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>The networks' head: Linear, ReLU, Linear to three logits (dropout is the identity at inference).</summary>
public sealed class ClassifierHead
{
    private readonly DenseLayer _hidden;
    private readonly DenseLayer _output;

    public ClassifierHead(DenseLayer hidden, DenseLayer output)
    {
        if (hidden.Outputs != output.Inputs || output.Outputs != 3) throw new ArgumentException("a head maps its hidden layer to three logits");
        _hidden = hidden;
        _output = output;
    }

    public int Inputs => _hidden.Inputs;

    public void Apply(ReadOnlySpan<float> x, Span<float> logits)
    {
        Span<float> z = stackalloc float[_hidden.Outputs];
        _hidden.Apply(x, z);
        for (int i = 0; i < z.Length; i++) z[i] = MathF.Max(z[i], 0);
        _output.Apply(z, logits);
    }
}
