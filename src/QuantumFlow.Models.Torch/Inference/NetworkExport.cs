using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Torch.Networks;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Inference;

/// <summary>
/// Copies a trained torch network's parameters into the tensor-free <see cref="SequenceClassifier"/> of the same
/// architecture. Torch stays the tool for training; inference per window does not pay its per-operation dispatch,
/// which dominated at these sizes (docs/BENCHMARKS.md).
/// </summary>
public static class NetworkExport
{
    public static SequenceClassifier ToClassifier(nn.Module<Tensor, Tensor> network, NetworkShape shape)
    {
        var p = new Parameters(network);
        return shape.Kind switch
        {
            NetworkKind.Lstm => new LstmClassifier(Lstm(p, shape), Norm(p, "_norm"), Head(p, shape.Hidden)),
            NetworkKind.AttentionLstm => new AttentionLstmClassifier(Lstm(p, shape), Norm(p, "_norm"),
                Dense(p, "_project", shape.Hidden, shape.Hidden), Dense(p, "_score", shape.Hidden, 1, bias: false), Head(p, shape.Hidden)),
            NetworkKind.Transformer => Transformer(p, shape),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape.Kind, "unknown network kind"),
        };
    }

    private static LstmLayer[] Lstm(Parameters p, NetworkShape shape) =>
        [.. Enumerable.Range(0, shape.Layers).Select(l => new LstmLayer(
            p.Take($"_lstm.weight_ih_l{l}"), p.Take($"_lstm.weight_hh_l{l}"), p.Take($"_lstm.bias_ih_l{l}"), p.Take($"_lstm.bias_hh_l{l}"),
            l == 0 ? shape.Inputs : shape.Hidden, shape.Hidden))];

    private static TransformerClassifier Transformer(Parameters p, NetworkShape shape)
    {
        int d = shape.Hidden;
        TransformerEncoderBlock[] blocks = [.. Enumerable.Range(0, shape.Layers).Select(l =>
        {
            string prefix = $"_encoder.layers.{l}";
            return new TransformerEncoderBlock(
                new DenseLayer(p.Take($"{prefix}.self_attn.in_proj_weight"), p.Take($"{prefix}.self_attn.in_proj_bias"), d, 3 * d),
                Dense(p, $"{prefix}.self_attn.out_proj", d, d), Norm(p, $"{prefix}.norm1"),
                Dense(p, $"{prefix}.linear1", d, shape.FeedForward), Dense(p, $"{prefix}.linear2", shape.FeedForward, d), Norm(p, $"{prefix}.norm2"),
                shape.Heads);
        })];
        return new TransformerClassifier(Dense(p, "_embed", shape.Inputs, d), TransformerNetwork.SinusoidValues(TransformerNetwork.MaxLength, d),
            blocks, Norm(p, "_norm"), Head(p, d));
    }

    private static ClassifierHead Head(Parameters p, int width)
    {
        int hidden = Math.Max(8, width / 2);
        return new ClassifierHead(Dense(p, "_head.1", width, hidden), Dense(p, "_head.3", hidden, 3));
    }

    private static DenseLayer Dense(Parameters p, string name, int inputs, int outputs, bool bias = true) =>
        new(p.Take($"{name}.weight"), bias ? p.Take($"{name}.bias") : null, inputs, outputs);

    private static LayerNormLayer Norm(Parameters p, string name) => new(p.Take($"{name}.weight"), p.Take($"{name}.bias"));

    private sealed class Parameters
    {
        private readonly Dictionary<string, float[]> _values = new(StringComparer.Ordinal);

        public Parameters(nn.Module<Tensor, Tensor> network)
        {
            foreach ((string name, Tensor value) in network.state_dict())
            {
                using Tensor flat = value.detach().cpu().to_type(ScalarType.Float32).contiguous().flatten();
                _values[name] = flat.data<float>().ToArray();
            }
        }

        public float[] Take(string name) => _values.TryGetValue(name, out float[]? v) ? v
            : throw new InvalidDataException($"the network has no parameter '{name}' (it has: {string.Join(", ", _values.Keys.Order())})");
    }
}
