namespace QuantumFlow.Models.Labels;

/// <summary>
/// The resolved label of the point <paramref name="Sequence"/>: the move from its mid to the future (or mean future)
/// mid, in bps of its mid, and the threshold that classified it.
/// </summary>
public readonly record struct Label(long Sequence, long TimeNs, LabelClass Class, double ReturnBps, double ThresholdBps, double FutureMid);
