using TorchSharp;
using TorchSharp.Modules;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Networks;

/// <summary>
/// A one-layer causal Transformer read out at the newest row: linear embedding plus sinusoidal encodings of each row's
/// age (0 = newest), multi-head attention of the newest row over the window, then torch's post-norm encoder layer
/// (residual, LayerNorm, ReLU feed-forward, residual, LayerNorm) and the head.
/// Why not the seed's encoder with a mean over every step: that re-runs attention and the feed-forward for all 20 rows
/// on every book update, and was half the node's network time; here a row's keys and values depend on the row and its
/// age only, so a book keeps them from row to row and a prediction computes one query (docs/BENCHMARKS.md).
/// </summary>
public sealed class TransformerNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Linear _embed;
    private readonly Linear _inProjection;
    private readonly Linear _outProjection;
    private readonly LayerNorm _norm1;
    private readonly Linear _linear1;
    private readonly Linear _linear2;
    private readonly LayerNorm _norm2;
    private readonly Dropout _dropout;
    private readonly Sequential _head;
    private readonly Tensor _positions;
    private readonly int _heads;

    public TransformerNetwork(NetworkShape shape) : base(nameof(TransformerNetwork))
    {
        int d = shape.Hidden;
        _heads = shape.Heads;
        _embed = nn.Linear(shape.Inputs, d);
        _inProjection = nn.Linear(d, 3 * d);
        _outProjection = nn.Linear(d, d);
        _norm1 = nn.LayerNorm(d);
        _linear1 = nn.Linear(d, shape.FeedForward);
        _linear2 = nn.Linear(shape.FeedForward, d);
        _norm2 = nn.LayerNorm(d);
        _dropout = nn.Dropout(shape.Dropout);
        _head = nn.Sequential(nn.Dropout(shape.Dropout), nn.Linear(d, Math.Max(8, d / 2)), nn.ReLU(), nn.Linear(Math.Max(8, d / 2), 3));
        _positions = tensor(SinusoidalPositions.Values(SinusoidalPositions.MaxLength, d), [SinusoidalPositions.MaxLength, d]);
        register_buffer("positions", _positions, persistent: false);
        RegisterComponents();
    }

    /// <param name="x">(batch, time, features), oldest row first</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1], d = _embed.weight!.shape[0], dh = d / _heads;
        Tensor ages = _positions.narrow(0, 0, t).flip(0);                     // row i is t - 1 - i rows old
        Tensor e = _embed.call(x) + ages.unsqueeze(0);                         // (b, t, d)
        Tensor qkv = _inProjection.call(e);                                    // (b, t, 3d)
        Tensor q = qkv.select(1, t - 1).narrow(1, 0, d).reshape(b, _heads, 1, dh);
        Tensor k = qkv.narrow(2, d, d).reshape(b, t, _heads, dh).permute(0, 2, 3, 1);     // (b, heads, dh, t)
        Tensor v = qkv.narrow(2, 2 * d, d).reshape(b, t, _heads, dh).permute(0, 2, 1, 3); // (b, heads, t, dh)
        Tensor weights = _dropout.call(softmax(matmul(q, k) / Math.Sqrt(dh), -1));          // (b, heads, 1, t)
        Tensor attended = matmul(weights, v).reshape(b, d);
        Tensor h = _norm1.call(e.select(1, t - 1) + _dropout.call(_outProjection.call(attended)));
        h = _norm2.call(h + _dropout.call(_linear2.call(_dropout.call(nn.functional.relu(_linear1.call(h))))));
        return _head.call(h).MoveToOuterDisposeScope();
    }
}
