using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>
/// One prediction in flight: waiting for the batch models' answers, then for its label. Holds the feature row it
/// was made from, because the online learners learn the state then, not the state when the label resolves.
/// </summary>
public sealed class PendingPrediction
{
    internal PendingPrediction(long sequence, long timeNs, long receiveTimeNs, double[] row, int models)
    {
        Sequence = sequence;
        TimeNs = timeNs;
        ReceiveTimeNs = receiveTimeNs;
        Row = row;
        PerModel = new ClassProbabilities[models];
        Answered = new bool[models];
    }

    /// <summary>The feature vector's sequence: the label resolves against it.</summary>
    public long Sequence { get; }
    public long TimeNs { get; }
    public long ReceiveTimeNs { get; }
    internal double[] Row { get; }
    internal ClassProbabilities[] PerModel { get; }
    internal bool[] Answered { get; }
    internal int Missing { get; set; }
    internal LabelClass? EarlyLabel { get; set; }

    /// <summary>A snapshot of the window at this prediction, for models that answer later (other threads).</summary>
    public FeatureWindow? Window { get; internal set; }

    public bool IsComplete => Missing == 0;
}
