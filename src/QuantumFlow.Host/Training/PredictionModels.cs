using QuantumFlow.Actors.Hosting;
using QuantumFlow.Models.Prediction.Logistic;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;

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

    /// <summary>
    /// The checkpoints of a directory, ready to predict (another set of instances: a model serves one caller at a time).
    /// The files are read without torch into the exported networks, which answer as torch does to 1e-5 and never
    /// depend on the batch a window came in (which torch's kernels do not promise), so a replay predicts the same bits.
    /// </summary>
    public static List<NeuralSequenceModel> Load(string directory) => CheckpointDirectory.LoadAll(directory);

    /// <summary>Turns every book's predictions on, with the checkpoints found (online learners only when there are none).</summary>
    public static NodeOptions Attach(NodeOptions options, string? directory, TextWriter output)
    {
        options = options with { Prediction = options.Prediction with { Enabled = true } };
        if (Find(directory) is not { } dir)
        {
            output.WriteLine("predictions: online learners only (no trained checkpoints found)");
            return options;
        }
        IReadOnlyList<NetworkCheckpoint> checkpoints = CheckpointDirectory.ReadAll(dir);
        if (checkpoints.Count == 0) throw new InvalidDataException($"{dir}: *.weights without the *.json beside them that describes each network");
        NetworkCheckpoint first = checkpoints[0];
        if (checkpoints.Any(c => c.Label != first.Label))
            throw new FormatException($"the checkpoints in {dir} were trained for different labels ({string.Join("; ", checkpoints.Select(c => $"{c.Name}: {c.Label.Describe()}").Distinct())}); keep one label per directory");
        LogisticMember? logistic = LogisticMember.Load(dir);
        if (logistic is not null && logistic.Label != first.Label)
            throw new FormatException($"{Path.Combine(dir, LogisticMember.FileName)} was fit for {logistic.Label.Describe()}, the networks for {first.Label.Describe()}; keep one label per directory");
        List<NeuralSequenceModel> models = [.. checkpoints.Select(c => CheckpointDirectory.Load(c, NetworkCheckpoint.WeightsPath(dir, c.Name)))];
        // The lanes are how a book runs an LSTM (NeuralSequenceModel.Lanes): part of what a report's figures were made with.
        output.WriteLine($"predictions: {string.Join(", ", models.Select(m => m.Lanes > 0 ? $"{m.Version} ({m.Lanes} lanes)" : m.Version))}{(logistic is null ? "" : $", {logistic.Version}")} + online learners; label {first.Label.Describe()}");
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
