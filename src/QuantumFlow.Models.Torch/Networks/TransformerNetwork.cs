using TorchSharp;
using TorchSharp.Modules;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Networks;

/// <summary>
/// Linear embedding plus sinusoidal positions, post-norm encoder layers, mean-pool, LayerNorm, head (seed 4.3).
/// TorchSharp's TransformerEncoderLayer has no batch_first: the encoder runs on (time, batch, d).
/// </summary>
public sealed class TransformerNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Linear _embed;
    private readonly TransformerEncoder _encoder;
    private readonly LayerNorm _norm;
    private readonly Sequential _head;
    private readonly Tensor _positions;

    public TransformerNetwork(NetworkShape shape) : base(nameof(TransformerNetwork))
    {
        int d = shape.Hidden;
        _embed = nn.Linear(shape.Inputs, d);
        _encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, shape.Heads, shape.FeedForward, shape.Dropout), shape.Layers);
        _norm = nn.LayerNorm(d);
        _head = nn.Sequential(nn.Dropout(shape.Dropout), nn.Linear(d, Math.Max(8, d / 2)), nn.ReLU(), nn.Linear(Math.Max(8, d / 2), 3));
        _positions = Sinusoid(SinusoidalPositions.MaxLength, d);
        register_buffer("positions", _positions, persistent: false);
        RegisterComponents();
    }

    /// <param name="x">(batch, time, features)</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long t = x.shape[1];
        Tensor e = _embed.call(x) + _positions.narrow(0, 0, t).unsqueeze(0); // (b, t, d)
        Tensor encoded = _encoder.call(e.transpose(0, 1), null, null);         // (t, b, d): sequence-major
        Tensor pooled = encoded.mean([0]);                                   // (b, d)
        return _head.call(_norm.call(pooled)).MoveToOuterDisposeScope();
    }

    private static Tensor Sinusoid(int length, int d) => tensor(SinusoidalPositions.Values(length, d), [length, d]);
}
