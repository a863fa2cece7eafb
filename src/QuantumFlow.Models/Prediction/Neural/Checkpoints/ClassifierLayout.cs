namespace QuantumFlow.Models.Prediction.Neural.Checkpoints;

/// <summary>
/// Where each parameter of the torch networks (Models.Torch Networks/) lives in their state dict, and how the
/// tensor-free <see cref="SequenceClassifier"/> of the same architecture is built from it. The one copy of that
/// mapping: the node reads .weights files through it, and the torch side exports a live module through it.
/// </summary>
public static class ClassifierLayout
{
    /// <summary>
    /// Buffers the torch transformer keeps in its state dict that the exported network recomputes
    /// (<see cref="SinusoidalPositions"/>): TorchSharp saves the registered field under its field name.
    /// </summary>
    private static readonly string[] RecomputedBuffers = ["_positions", "positions"];

    /// <exception cref="InvalidDataException">a tensor missing, shaped otherwise, or left over: the weights are not of this shape</exception>
    public static SequenceClassifier Build(StateDict p, NetworkShape shape)
    {
        SequenceClassifier classifier = shape.Kind switch
        {
            NetworkKind.Lstm => new LstmClassifier(Lstm(p, shape), Norm(p, "_norm", shape.Hidden), Head(p, shape.Hidden)),
            NetworkKind.AttentionLstm => new AttentionLstmClassifier(Lstm(p, shape), Norm(p, "_norm", shape.Hidden),
                Dense(p, "_project", shape.Hidden, shape.Hidden), Dense(p, "_score", shape.Hidden, 1, bias: false), Head(p, shape.Hidden)),
            NetworkKind.Transformer => Transformer(p, shape),
            _ => throw new InvalidDataException($"{p.Source}: unknown network kind {shape.Kind}"),
        };
        if (p.Untaken() is { Count: > 0 } left)
            throw new InvalidDataException($"{p.Source}: tensors a {shape.Kind} of {shape.Layers} layer(s) does not have: {string.Join(", ", left)} (weights of another architecture or size?)");
        return classifier;
    }

    private static LstmLayer[] Lstm(StateDict p, NetworkShape shape) =>
        [.. Enumerable.Range(0, shape.Layers).Select(l =>
        {
            int inputs = l == 0 ? shape.Inputs : shape.Hidden, gates = 4 * shape.Hidden;
            return new LstmLayer(p.Take($"_lstm.weight_ih_l{l}", gates, inputs), p.Take($"_lstm.weight_hh_l{l}", gates, shape.Hidden),
                p.Take($"_lstm.bias_ih_l{l}", gates), p.Take($"_lstm.bias_hh_l{l}", gates), inputs, shape.Hidden);
        })];

    private static TransformerClassifier Transformer(StateDict p, NetworkShape shape)
    {
        int d = shape.Hidden;
        foreach (string buffer in RecomputedBuffers) p.Skip(buffer);
        return new TransformerClassifier(Dense(p, "_embed", shape.Inputs, d), SinusoidalPositions.Values(SinusoidalPositions.MaxLength, d),
            Dense(p, "_inProjection", d, 3 * d), Dense(p, "_outProjection", d, d), Norm(p, "_norm1", d),
            Dense(p, "_linear1", d, shape.FeedForward), Dense(p, "_linear2", shape.FeedForward, d), Norm(p, "_norm2", d), shape.Heads, Head(p, d));
    }

    private static ClassifierHead Head(StateDict p, int width)
    {
        int hidden = Math.Max(8, width / 2);
        return new ClassifierHead(Dense(p, "_head.1", width, hidden), Dense(p, "_head.3", hidden, 3));
    }

    private static DenseLayer Dense(StateDict p, string name, int inputs, int outputs, bool bias = true) =>
        new(p.Take($"{name}.weight", outputs, inputs), bias ? p.Take($"{name}.bias", outputs) : null, inputs, outputs);

    private static LayerNormLayer Norm(StateDict p, string name, int width) => new(p.Take($"{name}.weight", width), p.Take($"{name}.bias", width));
}
