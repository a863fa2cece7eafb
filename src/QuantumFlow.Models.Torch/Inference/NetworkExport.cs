using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Inference;

/// <summary>
/// A trained torch network's parameters as the <see cref="StateDict"/> the tensor-free networks are built from
/// (<see cref="ClassifierLayout"/>), the same names and values its .weights file holds. Torch stays the tool for
/// training; inference per window does not pay its per-operation dispatch, which dominated at these sizes
/// (docs/BENCHMARKS.md).
/// </summary>
public static class NetworkExport
{
    public static StateDict Parameters(nn.Module<Tensor, Tensor> network, string source)
    {
        var dict = new StateDict(source);
        foreach ((string name, Tensor value) in network.state_dict())
        {
            using Tensor flat = value.detach().cpu().to_type(ScalarType.Float32).contiguous().flatten();
            dict.Add(new StoredTensor(name, [.. value.shape.Select(d => (int)d)], flat.data<float>().ToArray()));
        }
        return dict;
    }
}
