namespace QuantumFlow.Models.Labels;

/// <summary>
/// One point to label: its id (the feature vector's sequence), time, mid and, for the scaled thresholds, the spread
/// and volatility at that point in bps. Points must come in time order; the mid must be positive and finite.
/// </summary>
public readonly record struct LabelPoint(long Sequence, long TimeNs, double Mid, double SpreadBps = 0, double VolatilityBps = 0);
