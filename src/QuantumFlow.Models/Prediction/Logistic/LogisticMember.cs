using System.Collections.Immutable;
using System.Text.Json;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Scaling;

namespace QuantumFlow.Models.Prediction.Logistic;

/// <summary>
/// The logistic ensemble member as trained offline: a multinomial logistic regression on every model input
/// (<see cref="Features.ModelInputs"/>), fit without class weights on the pooled training data, with the rate at
/// which each book's copy keeps learning online (chosen on validation). Read-only and shared; every book gets its
/// own <see cref="OnlineLogisticModel"/> from <see cref="Create"/>. Stored as <c>logistic.json</c> beside the
/// network checkpoints, with the label it was fit for.
/// </summary>
public sealed record LogisticMember
{
    public const string FileName = "logistic.json";

    public required string Version { get; init; }
    public required Scaler Scaler { get; init; }

    /// <summary>3 x (features + 1), the bias of each class last.</summary>
    public required ImmutableArray<double> Weights { get; init; }

    /// <summary>SGD step per resolved label in each book (0: fixed weights).</summary>
    public double LearningRate { get; init; }

    public double L2 { get; init; }
    public required LabelOptions Label { get; init; }
    public ImmutableDictionary<string, string> Notes { get; init; } = ImmutableDictionary<string, string>.Empty;

    public IOnlineLearner Create() => new OnlineLogisticModel(this);

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var file = new MemberFile(Version, Scaler.Names, Scaler.Means, Scaler.Stds, Scaler.Clip, Weights, LearningRate, L2,
            Label.Horizon, Label.Unit, Label.ThresholdBps, Label.Mode, Label.Multiplier, Notes);
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(file, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The member in <paramref name="directory"/>, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">the file is not a logistic member or its shapes disagree.</exception>
    public static LogisticMember? Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        MemberFile f;
        try
        {
            f = JsonSerializer.Deserialize<MemberFile>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a logistic member ({e.Message})", e);
        }
        if (f.Names.IsDefaultOrEmpty || f.Means.Length != f.Names.Length || f.Stds.Length != f.Names.Length || f.Weights.Length != 3 * (f.Names.Length + 1))
            throw new InvalidDataException($"{path}: {f.Names.Length} features, {f.Means.Length} means, {f.Stds.Length} stds and {f.Weights.Length} weights do not fit together");
        var label = LabelOptions.Default with { Horizon = f.Horizon, Unit = f.Unit, ThresholdBps = f.ThresholdBps, Mode = f.Mode, Multiplier = f.Multiplier };
        return new LogisticMember
        {
            Version = f.Version, Scaler = new Scaler(f.Names, f.Means, f.Stds, f.Clip), Weights = f.Weights,
            LearningRate = f.LearningRate, L2 = f.L2, Label = label, Notes = f.Notes ?? ImmutableDictionary<string, string>.Empty,
        };
    }

    private sealed record MemberFile(string Version, ImmutableArray<string> Names, ImmutableArray<double> Means, ImmutableArray<double> Stds, double Clip,
        ImmutableArray<double> Weights, double LearningRate, double L2, long Horizon, HorizonUnit Unit, double ThresholdBps, ThresholdMode Mode, double Multiplier,
        ImmutableDictionary<string, string>? Notes);
}
