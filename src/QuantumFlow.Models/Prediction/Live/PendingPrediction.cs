using System.Collections.Immutable;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>
/// One prediction in flight: waiting for the batch models' answers, then for its label. Holds the feature row it
/// was made from, because the online learners learn the state then, not the state when the label resolves, and the
/// ensemble weights of that moment, so the mix does not depend on when the batch models answer.
/// </summary>
public sealed class PendingPrediction
{
    internal PendingPrediction(long sequence, long timeNs, long receiveTimeNs, long point, double[] row, ImmutableArray<double> weights, int models)
    {
        Sequence = sequence;
        TimeNs = timeNs;
        ReceiveTimeNs = receiveTimeNs;
        Point = point;
        Row = row;
        Weights = weights;
        PerModel = new ClassProbabilities[models];
        Answered = new bool[models];
    }

    /// <summary>The feature vector's sequence: the label resolves against it.</summary>
    public long Sequence { get; }
    public long TimeNs { get; }
    public long ReceiveTimeNs { get; }

    /// <summary>The ensemble weights when the prediction was made: the ones it is mixed with.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Index of this vector among the labeled (valid) points since the last reset: where its event horizon ends.</summary>
    internal long Point { get; }
    internal double[] Row { get; }
    internal ClassProbabilities[] PerModel { get; }
    internal bool[] Answered { get; }
    internal int Missing { get; set; }

    /// <summary>A snapshot of the window at this prediction, for models that answer later (other threads).</summary>
    public FeatureWindow? Window { get; internal set; }

    public bool IsComplete => Missing == 0;
}
