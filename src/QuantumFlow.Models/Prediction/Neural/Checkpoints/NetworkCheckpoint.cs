using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.Prediction.Training;

namespace QuantumFlow.Models.Prediction.Neural.Checkpoints;

/// <summary>
/// Everything needed to use a trained network again, beside its weights: the architecture, the scaler fit on the
/// training rows, the feature names in input order, the window, and the label it was trained for (horizon, unit,
/// threshold), so a model is never silently run against another label or feature set. Stored as &lt;name&gt;.json next
/// to &lt;name&gt;.weights (a state dict, <see cref="StateDictFile"/>).
/// </summary>
public sealed record NetworkCheckpoint
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
    [JsonIgnore]
    public LabelOptions Label => LabelOptions.Default with { Horizon = Horizon, Unit = HorizonUnit, ThresholdBps = ThresholdBps, Mode = ThresholdMode, Multiplier = Multiplier };
    /// <summary>Free-form provenance: data, split, validation metrics.</summary>
    public ImmutableDictionary<string, string> Notes { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The calibrated validation log-loss training noted (null in checkpoints from before it did).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double? ValidationLogLoss => TrainingNotes.ValidationLogLoss(Notes);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public Scaler Scaler() => new(Features, Means, Stds, Clip);

    public static string JsonPath(string directory, string name) => Path.Combine(directory, name + ".json");
    public static string WeightsPath(string directory, string name) => Path.Combine(directory, name + ".weights");

    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(JsonPath(directory, Name), JsonSerializer.Serialize(this, Json));
    }

    /// <exception cref="InvalidDataException">not a checkpoint, or one whose parts disagree (the file named)</exception>
    public static NetworkCheckpoint Read(string jsonPath)
    {
        NetworkCheckpoint checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<NetworkCheckpoint>(File.ReadAllText(jsonPath), Json)
                ?? throw new InvalidDataException($"{jsonPath}: not a checkpoint (the file says null)");
        }
        catch (JsonException e)
        {
            // The serializer's message names the JSON path and line, never the file.
            throw new InvalidDataException($"{jsonPath}: not a readable checkpoint ({e.Message})", e);
        }
        if (checkpoint.Problem() is { } problem) throw new InvalidDataException($"{jsonPath}: {problem}");
        return checkpoint;
    }

    /// <summary>What makes this checkpoint unusable, or null; checked on read so no node starts on half a model.</summary>
    private string? Problem()
    {
        if (string.IsNullOrEmpty(Name) || Version is null || Shape is null) return "Name, Version or Shape is missing";
        if (Features.IsDefault || Means.IsDefault || Stds.IsDefault) return "the scaler (Features, Means, Stds) is missing";
        if (Means.Length != Features.Length || Stds.Length != Features.Length)
            return $"{Features.Length} features but {Means.Length} means and {Stds.Length} stds";
        if (Shape.Inputs != Features.Length) return $"the network takes {Shape.Inputs} inputs but the scaler has {Features.Length} features";
        if (WindowLength < 1) return $"window length {WindowLength}: must be at least 1";
        if (Shape.Kind == NetworkKind.Transformer && WindowLength > SinusoidalPositions.MaxLength)
            return $"window length {WindowLength}: the transformer has positions for {SinusoidalPositions.MaxLength} steps";
        if (!(Clip > 0)) return $"clip {Clip}: must be positive";
        try
        {
            Shape.Validate();
        }
        catch (ArgumentException e)
        {
            return $"shape: {e.Message}";
        }
        return null;
    }
}
