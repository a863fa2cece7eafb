using System.Text.Json;
using QuantumFlow.Actors.Prediction;

namespace QuantumFlow.Host.Web.Api;

/// <summary>
/// The models a node predicts with: the trained checkpoints (name, version, window, label, and the training notes
/// with their validation metrics, read from each checkpoint's JSON) and the online learners.
/// </summary>
public sealed class ModelRegistry(PredictionOptions prediction, string? checkpointDirectory)
{
    public sealed record Entry(string Name, string Version, string Kind, int WindowLength, IReadOnlyDictionary<string, string> Metrics);

    public IReadOnlyList<Entry> Entries { get; } = Load(prediction, checkpointDirectory);

    private static List<Entry> Load(PredictionOptions prediction, string? directory)
    {
        var entries = new List<Entry>();
        var notes = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (directory is not null && Directory.Exists(directory))
        {
            foreach (string file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                try
                {
                    using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
                    if (!doc.RootElement.TryGetProperty("Version", out JsonElement v) || v.GetString() is not { } version) continue;
                    var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (doc.RootElement.TryGetProperty("Notes", out JsonElement n) && n.ValueKind == JsonValueKind.Object)
                    {
                        foreach (JsonProperty p in n.EnumerateObject()) metrics[p.Name] = p.Value.ToString();
                    }
                    notes[version] = metrics;
                }
                catch (JsonException)
                {
                    // Not a checkpoint: the models directory may hold other JSON.
                }
            }
        }
        foreach (var m in prediction.TrainedModels)
            entries.Add(new Entry(m.Name, m.Version, "trained", m.WindowLength, notes.GetValueOrDefault(m.Version) ?? new Dictionary<string, string>()));
        foreach (var l in prediction.Learners)
            entries.Add(new Entry(l.Name, l.Name, "online", 1, new Dictionary<string, string> { ["conditioned"] = l.Conditioned.ToString() }));
        return entries;
    }
}
