using QuantumFlow.Models.Labels;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>
/// One prediction in flight: waiting for the batch models' answers, then for its label. Holds the feature row it
/// was made from, because the online learners learn the state then, not the state when the label resolves, and the
/// ensemble weights of that moment, so the mix does not depend on when the batch models answer.
/// <para>
/// Owned by its <see cref="EnsemblePredictor"/>, which reuses it once its label has resolved: a prediction waits the
/// label horizon (seconds, at a book's pace), long enough to outlive young-generation collections, and copying
/// thousands of them on every collection was most of the collector's pauses. Callers use it only until they have
/// its answers in (then <see cref="EnsemblePredictor.Finish"/> or <see cref="EnsemblePredictor.Complete"/> hand out an
/// immutable <see cref="CompletedPrediction"/>).
/// </para>
/// </summary>
public sealed class PendingPrediction
{
    private readonly double[] _weights;

    internal PendingPrediction(int models, int features)
    {
        _weights = new double[models];
        PerModel = new ClassProbabilities[models];
        Answered = new bool[models];
        Row = new double[features];
    }

    /// <summary>The feature vector's sequence: the label resolves against it.</summary>
    public long Sequence { get; private set; }
    public long TimeNs { get; private set; }
    public long ReceiveTimeNs { get; private set; }

    /// <summary>The ensemble weights when the prediction was made: the ones it is mixed with.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>What the ensemble's call is made with (<see cref="Ensembles.CallRule"/>), as of this prediction's start.</summary>
    internal Ensembles.CallContext CallContext { get; private set; }

    /// <summary>Index of this vector among the labeled (valid) points since the last reset: where its event horizon ends.</summary>
    internal long Point { get; private set; }
    internal double[] Row { get; }
    internal ClassProbabilities[] PerModel { get; }
    internal bool[] Answered { get; }
    internal int Missing { get; set; }

    /// <summary>In the predictor's queue of predictions waiting for answers: not to be reused while there.</summary>
    internal bool Queued { get; set; }

    /// <summary>Labels of earlier predictions resolved by the point this prediction was made at.</summary>
    internal List<Label> Resolved { get; } = new(1);

    /// <summary>A snapshot of the window at this prediction, for models that answer later (other threads).</summary>
    public FeatureWindow? Window { get; internal set; }

    public bool IsComplete => Missing == 0;

    internal void Save(StateWriter w)
    {
        w.Write(Sequence);
        w.Write(TimeNs);
        w.Write(ReceiveTimeNs);
        w.Write(Point);
        w.Write(Row);
        w.Write(_weights);
        w.Write(CallContext.Down);
        w.Write(CallContext.Flat);
        w.Write(CallContext.Up);
        w.Write(CallContext.Candidate);
        foreach (ClassProbabilities p in PerModel)
        {
            w.Write(p.Down);
            w.Write(p.Flat);
            w.Write(p.Up);
        }
        w.Write(Resolved.Count);
        foreach (Label l in Resolved)
        {
            w.Write(l);
        }
    }

    /// <summary>A prediction <see cref="Save"/> wrote, with every model answered.</summary>
    internal void Load(StateReader r)
    {
        Sequence = r.ReadInt64();
        TimeNs = r.ReadInt64();
        ReceiveTimeNs = r.ReadInt64();
        Point = r.ReadInt64();
        r.ReadInto(Row);
        r.ReadInto(_weights);
        CallContext = new Ensembles.CallContext(r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt32());
        for (int m = 0; m < PerModel.Length; m++) PerModel[m] = new ClassProbabilities(r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        Array.Fill(Answered, true);
        Missing = 0;
        Queued = false;
        Window = null;
        Resolved.Clear();
        int resolved = r.ReadInt32();
        for (int k = 0; k < resolved; k++)
            Resolved.Add(r.ReadLabel());
    }

    internal void Start(long sequence, long timeNs, long receiveTimeNs, long point, ReadOnlySpan<double> row, ReadOnlySpan<double> weights, Ensembles.CallContext call, int missing)
    {
        Sequence = sequence;
        TimeNs = timeNs;
        ReceiveTimeNs = receiveTimeNs;
        Point = point;
        row.CopyTo(Row);
        weights.CopyTo(_weights);
        CallContext = call;
        Array.Clear(Answered);
        Resolved.Clear();
        Missing = missing;
    }
}
