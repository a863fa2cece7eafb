using QuantumFlow.Actors.Hosting;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Logistic;
using QuantumFlow.Models.Torch;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Torch.Checkpoints;
using QuantumFlow.Models.Torch.Inference;

namespace QuantumFlow.Host.Training;

/// <summary>Loads the trained checkpoints a node predicts with, and makes the predictor's label match theirs.</summary>
public static class PredictionModels
{
    /// <summary>The directory given, else ./models, else the models shipped beside the executable; null when none has checkpoints.</summary>
    public static string? Find(string? given)
    {
        foreach (string dir in given is not null ? [given] : new[] { "models", Path.Combine(AppContext.BaseDirectory, "models") })
        {
            if (Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*.weights").Any()) return dir;
        }
        return null;
    }

    /// <summary>The checkpoints of a directory, ready to predict (another set of instances: a model serves one caller at a time).</summary>
    public static List<NeuralSequenceModel> Load(string directory) => Export(TorchSequenceModel.LoadAll(directory));

    /// <summary>
    /// Torch reads the weights; the exported networks predict: the same answers to 1e-5, and a window's answer never
    /// depends on the batch it came in (which torch's kernels do not promise), so a replay predicts the same bits.
    /// </summary>
    private static List<NeuralSequenceModel> Export(List<TorchSequenceModel> trained)
    {
        List<NeuralSequenceModel> models = [.. trained.Select(CompiledModels.From)];
        foreach (TorchSequenceModel m in trained) m.Dispose();
        return models;
    }

    /// <summary>Turns every book's predictions on, with the checkpoints found (online learners only when there are none).</summary>
    public static NodeOptions Attach(NodeOptions options, string? directory, TextWriter output)
    {
        options = options with { Prediction = options.Prediction with { Enabled = true } };
        if (Find(directory) is not { } dir)
        {
            output.WriteLine("predictions: online learners only (no trained checkpoints found)");
            return options;
        }
        TorchRuntime.Initialize();
        List<TorchSequenceModel> trained = TorchSequenceModel.LoadAll(dir);
        TorchCheckpoint first = trained[0].Checkpoint;
        if (trained.Any(m => m.Checkpoint.Label != first.Label))
            throw new FormatException($"the checkpoints in {dir} were trained for different labels ({string.Join("; ", trained.Select(m => $"{m.Name}: {m.Checkpoint.Label.Describe()}").Distinct())}); keep one label per directory");
        LogisticMember? logistic = LogisticMember.Load(dir);
        if (logistic is not null && logistic.Label != first.Label)
            throw new FormatException($"{Path.Combine(dir, LogisticMember.FileName)} was fit for {logistic.Label.Describe()}, the networks for {first.Label.Describe()}; keep one label per directory");
        List<NeuralSequenceModel> models = Export(trained);
        output.WriteLine($"predictions: {string.Join(", ", models.Select(m => m.Version))}{(logistic is null ? "" : $", {logistic.Version}")} + online learners; label {first.Label.Describe()}");
        return options with
        {
            Prediction = options.Prediction with
            {
                TrainedModels = models,
                OnlineModels = logistic is null ? [] : [logistic.Create],
                Labels = first.Label,
            },
        };
    }
}
