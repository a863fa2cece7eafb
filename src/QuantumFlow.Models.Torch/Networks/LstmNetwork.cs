using TorchSharp;
using TorchSharp.Modules;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Networks;

/// <summary>LSTM over the window (batch-first), last time step, LayerNorm, MLP head to 3 logits (seed 4.1).</summary>
public sealed class LstmNetwork : nn.Module<Tensor, Tensor>
{
    private readonly LSTM _lstm;
    private readonly LayerNorm _norm;
    private readonly Sequential _head;

    public LstmNetwork(NetworkShape shape) : base(nameof(LstmNetwork))
    {
        _lstm = nn.LSTM(shape.Inputs, shape.Hidden, shape.Layers, batchFirst: true, dropout: shape.Layers > 1 ? shape.Dropout : 0);
        _norm = nn.LayerNorm(shape.Hidden);
        _head = nn.Sequential(nn.Dropout(shape.Dropout), nn.Linear(shape.Hidden, Math.Max(8, shape.Hidden / 2)), nn.ReLU(),
            nn.Linear(Math.Max(8, shape.Hidden / 2), 3));
        RegisterComponents();
    }

    /// <param name="x">(batch, time, features)</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        (Tensor output, Tensor h, Tensor c) = _lstm.call(x);
        Tensor last = output.select(1, -1);
        return _head.call(_norm.call(last)).MoveToOuterDisposeScope();
    }
}
