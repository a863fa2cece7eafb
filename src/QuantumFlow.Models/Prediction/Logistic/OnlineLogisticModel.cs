using System.Collections.Immutable;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Training;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Logistic;

/// <summary>
/// One book's copy of the logistic member: predicts from the latest row and, as each label resolves, takes one
/// stochastic-gradient step on the row it predicted from (log-loss + L2), so it adapts to this market while starting
/// from what the pooled data taught. Deterministic: the same rows and labels in the same order give the same weights.
/// Not thread-safe (one per book).
/// </summary>
public sealed class OnlineLogisticModel : IOnlineLearner
{
    private readonly LogisticMember _member;
    private readonly double[] _w;
    private readonly double[] _x;
    private ImmutableArray<string> _bound;
    private int[] _map = [];

    public OnlineLogisticModel(LogisticMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        _member = member;
        _w = [.. member.Weights];
        _x = new double[member.Scaler.Count + 1];
    }

    public string Name => "logistic";
    public string Version => _member.Version;
    public double? ValidationLogLoss => TrainingNotes.ValidationLogLoss(_member.Notes);
    public int WindowLength => 1;

    /// <summary>Labels learned from since the start.</summary>
    public long Learned { get; private set; }

    public ClassProbabilities Predict(FeatureWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.FeatureNames != _bound)
        {
            _map = _member.Scaler.Bind(window.FeatureNames);
            _bound = window.FeatureNames;
        }
        return Probabilities(window.Latest);
    }

    public void Learn(ReadOnlySpan<double> featuresAtPrediction, LabelClass label)
    {
        double rate = _member.LearningRate;
        if (rate <= 0 || _map.Length == 0) return; // never asked to predict: the row's layout is unknown
        ClassProbabilities p = Probabilities(featuresAtPrediction);
        int d = _x.Length;
        for (int c = 0; c < 3; c++)
        {
            double error = p[c] - (c == (int)label ? 1 : 0);
            for (int j = 0; j < d; j++) _w[c * d + j] -= rate * (error * _x[j] + (j < d - 1 ? _member.L2 * _w[c * d + j] : 0));
        }
        Learned++;
    }

    public void Save(StateWriter w)
    {
        w.Begin(Version);
        w.Write(_w);
        w.Write(Learned);
        w.Write(_map.Length > 0);
    }

    public void Load(StateReader r, ImmutableArray<string> featureNames)
    {
        r.Begin(Version);
        r.ReadInto(_w);
        Learned = r.ReadInt64();
        // Bound when saved: it learns from the next label whether or not it is asked first.
        if (r.ReadBoolean())
        {
            _map = _member.Scaler.Bind(featureNames);
            _bound = featureNames;
        }
    }

    public void Forget()
    {
        _member.Weights.CopyTo(_w);
        Learned = 0;
        _map = [];
        _bound = default;
    }

    private ClassProbabilities Probabilities(ReadOnlySpan<double> row)
    {
        int f = _x.Length - 1, d = _x.Length;
        for (int j = 0; j < f; j++) _x[j] = _member.Scaler.Scale(j, row[_map[j]]);
        _x[f] = 1;
        Span<double> z = stackalloc double[3];
        for (int c = 0; c < 3; c++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) s += _w[c * d + j] * _x[j];
            z[c] = s;
        }
        return ClassProbabilities.Softmax(z[0], z[1], z[2]);
    }
}
