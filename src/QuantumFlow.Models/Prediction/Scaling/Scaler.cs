using System.Collections.Immutable;
using System.Text.Json;

namespace QuantumFlow.Models.Prediction.Scaling;

/// <summary>
/// Standardises the features a model reads: (x - mean) / std per feature, fit on training rows only and saved with
/// the model (the seed fit one and threw it away, so its checkpoints could not be used). Values that are not finite,
/// and constant features, map to 0; results are clipped to +-<see cref="Clip"/> so one wild row cannot saturate a
/// network.
/// </summary>
public sealed class Scaler
{
    public Scaler(ImmutableArray<string> names, ImmutableArray<double> means, ImmutableArray<double> stds, double clip = 10)
    {
        if (names.Length != means.Length || names.Length != stds.Length) throw new ArgumentException("names, means and stds differ in length");
        if (!(clip > 0)) throw new ArgumentOutOfRangeException(nameof(clip));
        Names = names;
        Means = means;
        Stds = stds;
        Clip = clip;
    }

    public ImmutableArray<string> Names { get; }
    public ImmutableArray<double> Means { get; }
    public ImmutableArray<double> Stds { get; }
    public double Clip { get; }
    public int Count => Names.Length;

    /// <summary>Mean and population std per column, one pass (Welford), over the finite values only.</summary>
    public static Scaler Fit(ImmutableArray<string> names, IEnumerable<double[]> rows, double clip = 10)
    {
        int n = names.Length;
        var count = new long[n];
        var mean = new double[n];
        var m2 = new double[n];
        foreach (double[] row in rows)
        {
            if (row.Length != n) throw new ArgumentException($"a row of {row.Length} values for {n} features", nameof(rows));
            for (int j = 0; j < n; j++)
            {
                double x = row[j];
                if (!double.IsFinite(x)) continue;
                long c = ++count[j];
                double d = x - mean[j];
                mean[j] += d / c;
                m2[j] += d * (x - mean[j]);
            }
        }
        var std = new double[n];
        for (int j = 0; j < n; j++) std[j] = count[j] > 1 ? Math.Sqrt(m2[j] / count[j]) : 0;
        return new Scaler(names, [.. mean], [.. std], clip);
    }

    /// <summary>Where each of this scaler's features sits in rows named <paramref name="rowNames"/>.</summary>
    /// <exception cref="KeyNotFoundException">a feature the scaler needs is not in the rows.</exception>
    public int[] Bind(ImmutableArray<string> rowNames)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rowNames.Length; i++) index[rowNames[i]] = i;
        var map = new int[Count];
        for (int j = 0; j < Count; j++)
        {
            map[j] = index.TryGetValue(Names[j], out int i) ? i : throw new KeyNotFoundException($"the rows have no feature '{Names[j]}' that the model needs");
        }
        return map;
    }

    public double Scale(int feature, double x)
    {
        double s = Stds[feature];
        if (!double.IsFinite(x) || !(s > 1e-12)) return 0;
        return Math.Clamp((x - Means[feature]) / s, -Clip, Clip);
    }

    /// <summary>Picks this scaler's features from <paramref name="row"/> through <paramref name="map"/> (see <see cref="Bind"/>) and scales them.</summary>
    public void Transform(ReadOnlySpan<double> row, int[] map, Span<double> scaled)
    {
        for (int j = 0; j < map.Length; j++) scaled[j] = Scale(j, row[map[j]]);
    }

    public void Transform(ReadOnlySpan<double> row, int[] map, Span<float> scaled)
    {
        for (int j = 0; j < map.Length; j++) scaled[j] = (float)Scale(j, row[map[j]]);
    }

    public string ToJson() => JsonSerializer.Serialize(new ScalerFile(Names, Means, Stds, Clip));

    public static Scaler FromJson(string json)
    {
        ScalerFile f = JsonSerializer.Deserialize<ScalerFile>(json) ?? throw new InvalidDataException("empty scaler file");
        return new Scaler(f.Names, f.Means, f.Stds, f.Clip);
    }

    private sealed record ScalerFile(ImmutableArray<string> Names, ImmutableArray<double> Means, ImmutableArray<double> Stds, double Clip);
}
