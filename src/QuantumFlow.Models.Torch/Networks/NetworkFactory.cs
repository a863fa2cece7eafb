using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Networks;

/// <summary>Builds the network of a shape.</summary>
public static class NetworkFactory
{
    public static nn.Module<Tensor, Tensor> Create(NetworkShape shape)
    {
        shape.Validate();
        TorchRuntime.Initialize();
        return shape.Kind switch
        {
            NetworkKind.Lstm => new LstmNetwork(shape),
            NetworkKind.AttentionLstm => new AttentionLstmNetwork(shape),
            NetworkKind.Transformer => new TransformerNetwork(shape),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape.Kind, "unknown network kind"),
        };
    }
}
