using System.Collections.Immutable;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.Prediction.Training;

namespace QuantumFlow.Models.Torch.Training;

/// <summary>Training examples (rows of <see cref="TrainingSessions"/>) to the scaled arrays the networks train on.</summary>
public static class TrainingData
{
    /// <summary>Fits the scaler on the rows that end training examples (never validation or test rows).</summary>
    public static Scaler FitScaler(IReadOnlyList<SessionRows> sessions, IEnumerable<Example> train, ImmutableArray<string> features)
    {
        int[] map = Scaler.Fit(features, []).Bind(sessions[0].Names);
        return Scaler.Fit(features, train.Select(e =>
        {
            double[] row = sessions[e.Session].Rows[e.Row];
            return map.Select(i => row[i]).ToArray();
        }));
    }

    public static SequenceData Build(IReadOnlyList<SessionRows> sessions, IReadOnlyList<Example> examples, Scaler scaler, int window)
    {
        int[] map = scaler.Bind(sessions[0].Names);
        int f = scaler.Count;
        var x = new float[examples.Count * window * f];
        var y = new int[examples.Count];
        for (int k = 0; k < examples.Count; k++)
        {
            Example e = examples[k];
            SessionRows s = sessions[e.Session];
            for (int t = 0; t < window; t++)
            {
                scaler.Transform(s.Rows[e.Row - window + 1 + t], map, x.AsSpan((k * window + t) * f, f));
            }
            y[k] = (int)s.Labels[e.Row]!.Value;
        }
        return new SequenceData(x, y, window, f);
    }
}
