using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Torch.Checkpoints;

namespace QuantumFlow.Models.Torch.Inference;

/// <summary>Shipped or trained checkpoints loaded for inference: torch reads the weights, the exported network runs them.</summary>
public static class CompiledModels
{
    public static NeuralSequenceModel Load(string directory, string name)
    {
        using TorchSequenceModel trained = TorchSequenceModel.Load(directory, name);
        return From(trained);
    }

    public static NeuralSequenceModel From(TorchSequenceModel trained)
    {
        TorchCheckpoint c = trained.Checkpoint;
        return new NeuralSequenceModel(c.Name, c.Version, c.WindowLength, c.Scaler(), NetworkExport.ToClassifier(trained.Network, c.Shape));
    }

}
