using QuantumFlow.Models.Prediction;

namespace QuantumFlow.Actors.Prediction;

/// <summary>
/// Node-local only (a window is not serializable and never crosses nodes): predict from this window snapshot, answer
/// with a <see cref="ModelReply"/> carrying the same slot and sequence.
/// </summary>
public sealed record ModelRequest(int Slot, long Sequence, FeatureWindow Window);

/// <summary>A batch model's answer to one <see cref="ModelRequest"/>.</summary>
public sealed record ModelReply(int Slot, long Sequence, ClassProbabilities Probabilities);
