using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.Torch.Networks;

namespace QuantumFlow.Models.Torch.Checkpoints;

/// <summary>
/// Everything needed to use a trained network again, beside its weights: the architecture, the scaler fit on the
/// training rows, the feature names in input order, the window, and the label it was trained for (horizon, unit,
/// threshold), so a model is never silently run against another label or feature set. Stored as &lt;name&gt;.json next
/// to &lt;name&gt;.weights.
/// </summary>
public sealed record TorchCheckpoint
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required NetworkShape Shape { get; init; }
    public required int WindowLength { get; init; }
    public required ImmutableArray<string> Features { get; init; }
    public required ImmutableArray<double> Means { get; init; }
    public required ImmutableArray<double> Stds { get; init; }
    public double Clip { get; init; } = 10;
    public required long Horizon { get; init; }
    public HorizonUnit HorizonUnit { get; init; } = HorizonUnit.Events;
    public required double ThresholdBps { get; init; }
    public ThresholdMode ThresholdMode { get; init; } = ThresholdMode.Fixed;

    /// <summary>Multiplier of the spread or volatility in the scaled threshold modes.</summary>
    public double Multiplier { get; init; } = 1;

    /// <summary>The label these weights were trained on: the one a predictor using them must resolve.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public LabelOptions Label => LabelOptions.Default with { Horizon = Horizon, Unit = HorizonUnit, ThresholdBps = ThresholdBps, Mode = ThresholdMode, Multiplier = Multiplier };
    /// <summary>Free-form provenance: data, split, validation metrics.</summary>
    public ImmutableDictionary<string, string> Notes { get; init; } = ImmutableDictionary<string, string>.Empty;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public Scaler Scaler() => new(Features, Means, Stds, Clip);

    public static string JsonPath(string directory, string name) => Path.Combine(directory, name + ".json");
    public static string WeightsPath(string directory, string name) => Path.Combine(directory, name + ".weights");

    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(JsonPath(directory, Name), JsonSerializer.Serialize(this, Json));
    }

    public static TorchCheckpoint Read(string jsonPath) =>
        JsonSerializer.Deserialize<TorchCheckpoint>(File.ReadAllText(jsonPath), Json) ?? throw new InvalidDataException($"{jsonPath} is empty");
}
