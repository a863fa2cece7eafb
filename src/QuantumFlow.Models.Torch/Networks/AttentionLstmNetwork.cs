using TorchSharp;
using TorchSharp.Modules;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Networks;

/// <summary>
/// LSTM, LayerNorm, then additive attention over the time steps (score_t = v . tanh(W h_t), softmax over t) instead of
/// the seed's 4-head self-attention plus mean-pool: one learned summary of the window at a fraction of the cost
/// (platform notes: 0.55 ms vs 0.9 ms per prediction), and the attention weights mean something per step.
/// </summary>
public sealed class AttentionLstmNetwork : nn.Module<Tensor, Tensor>
{
    private readonly LSTM _lstm;
    private readonly LayerNorm _norm;
    private readonly Linear _project;
    private readonly Linear _score;
    private readonly Sequential _head;

    public AttentionLstmNetwork(NetworkShape shape) : base(nameof(AttentionLstmNetwork))
    {
        _lstm = nn.LSTM(shape.Inputs, shape.Hidden, shape.Layers, batchFirst: true, dropout: shape.Layers > 1 ? shape.Dropout : 0);
        _norm = nn.LayerNorm(shape.Hidden);
        _project = nn.Linear(shape.Hidden, shape.Hidden);
        _score = nn.Linear(shape.Hidden, 1, hasBias: false);
        _head = nn.Sequential(nn.Dropout(shape.Dropout), nn.Linear(shape.Hidden, Math.Max(8, shape.Hidden / 2)), nn.ReLU(),
            nn.Linear(Math.Max(8, shape.Hidden / 2), 3));
        RegisterComponents();
    }

    /// <param name="x">(batch, time, features)</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        (Tensor output, _, _) = _lstm.call(x);
        Tensor h = _norm.call(output);                                  // (b, t, h)
        Tensor weights = softmax(_score.call(tanh(_project.call(h))), 1); // (b, t, 1)
        Tensor summary = (weights * h).sum(1);                          // (b, h)
        return _head.call(summary).MoveToOuterDisposeScope();
    }
}
