using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Labels;

/// <summary>How a resolved label is written into a predictor's state.</summary>
internal static class LabelState
{
    public static void Write(this StateWriter w, in Label l)
    {
        w.Write(l.Sequence);
        w.Write(l.TimeNs);
        w.Write((int)l.Class);
        w.Write(l.ReturnBps);
        w.Write(l.ThresholdBps);
        w.Write(l.FutureMid);
    }

    public static Label ReadLabel(this StateReader r)
    {
        long sequence = r.ReadInt64(), timeNs = r.ReadInt64();
        int c = r.ReadInt32();
        if ((uint)c > 2) throw new InvalidDataException($"predictor state: label class {c}");
        return new Label(sequence, timeNs, (LabelClass)c, r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
    }
}
