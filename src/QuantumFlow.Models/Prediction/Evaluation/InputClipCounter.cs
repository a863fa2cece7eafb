using QuantumFlow.Models.Features;
using QuantumFlow.Models.Prediction.Scaling;

namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// How often each model input lands on its scaler's clip (|z| at the limit) in one market: an input that does so on
/// many rows tells the model nothing there, the sign of inputs that do not transfer between markets.
/// </summary>
public sealed class InputClipCounter(Scaler scaler)
{
    private readonly long[] _clipped = new long[scaler.Count];
    private int[]? _map;
    private int _valid = -1;

    public long Rows { get; private set; }

    /// <summary>A feature vector of the market (invalid books are not counted: nothing predicts on them).</summary>
    public void Observe(FeatureVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        _map ??= scaler.Bind(vector.Schema.Names);
        if (_valid < 0) _valid = vector.Schema.IndexOf(FeatureNames.BookValid);
        if (vector[_valid] != 1) return;
        Rows++;
        for (int j = 0; j < _clipped.Length; j++)
        {
            if (Math.Abs(scaler.Scale(j, vector[_map[j]])) >= scaler.Clip) _clipped[j]++;
        }
    }

    /// <summary>Each input's share of rows at the clip, the largest first.</summary>
    public List<InputClip> Shares() =>
        Rows == 0 ? [] : [.. _clipped.Select((c, j) => new InputClip(scaler.Names[j], (double)c / Rows)).OrderByDescending(c => c.Share)];
}

/// <summary>One input's share of rows at its scaler's clip.</summary>
public sealed record InputClip(string Input, double Share);
