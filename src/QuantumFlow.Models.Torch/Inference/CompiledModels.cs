using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;

namespace QuantumFlow.Models.Torch.Inference;

/// <summary>
/// A network torch has in memory (just trained, or loaded by torch) as the exported network the node would read from
/// its saved files (<see cref="CheckpointDirectory"/>): the same mapping, the same values.
/// </summary>
public static class CompiledModels
{
    public static NeuralSequenceModel From(TorchSequenceModel trained) => From(trained, NeuralSequenceModel.DefaultLanes);

    public static NeuralSequenceModel From(TorchSequenceModel trained, int lanes) =>
        CheckpointDirectory.Create(trained.Checkpoint, NetworkExport.Parameters(trained.Network, $"the torch module of {trained.Name}"), lanes);
}
