namespace QuantumFlow.Models.Prediction.Neural.Checkpoints;

/// <summary>
/// The trained networks of a folder (each &lt;name&gt;.json with its &lt;name&gt;.weights), read without torch into the
/// networks nodes, backtests and evaluate predict with.
/// </summary>
public static class CheckpointDirectory
{
    /// <summary>The checkpoints' names in ordinal order: every *.json that has a *.weights beside it.</summary>
    public static IReadOnlyList<string> Names(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Where(j => File.Exists(Path.ChangeExtension(j, ".weights")))
            .Select(j => Path.GetFileNameWithoutExtension(j))];

    /// <summary>Every checkpoint's description (architecture, scaler, label), in <see cref="Names"/> order.</summary>
    public static IReadOnlyList<NetworkCheckpoint> ReadAll(string directory) =>
        [.. Names(directory).Select(n => NetworkCheckpoint.Read(NetworkCheckpoint.JsonPath(directory, n)))];

    /// <summary>Every checkpoint, ready to predict (new instances on each call: a model's window path serves one caller).</summary>
    public static List<NeuralSequenceModel> LoadAll(string directory) => [.. Names(directory).Select(n => Load(directory, n))];

    /// <exception cref="InvalidDataException">either file is not what it should be (named, with what is wrong)</exception>
    public static NeuralSequenceModel Load(string directory, string name) =>
        Load(NetworkCheckpoint.Read(NetworkCheckpoint.JsonPath(directory, name)), NetworkCheckpoint.WeightsPath(directory, name));

    public static NeuralSequenceModel Load(NetworkCheckpoint checkpoint, string weightsPath) => Create(checkpoint, StateDictFile.Read(weightsPath));

    /// <summary>The exported network of a checkpoint from its parameters (a file's, or a torch module's).</summary>
    public static NeuralSequenceModel Create(NetworkCheckpoint checkpoint, StateDict weights) => Create(checkpoint, weights, NeuralSequenceModel.DefaultLanes);

    /// <param name="lanes">of a recurrent network's book state (<see cref="NeuralSequenceModel.Lanes"/>)</param>
    public static NeuralSequenceModel Create(NetworkCheckpoint checkpoint, StateDict weights, int lanes) =>
        new(checkpoint.Name, checkpoint.Version, checkpoint.WindowLength, checkpoint.Scaler(), ClassifierLayout.Build(weights, checkpoint.Shape), lanes: lanes)
        {
            ValidationLogLoss = checkpoint.ValidationLogLoss,
        };
}
