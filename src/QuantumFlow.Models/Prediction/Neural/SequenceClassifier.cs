namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// A trained sequence network for inference on the CPU without a tensor library: the work that depends on one feature
/// row alone (<see cref="EncodeRow"/>) is split from the work over the window (<see cref="Classify"/>), so a row's
/// encoding is computed once and reused by every window (of every model call) that holds it. Each window is computed
/// on its own, so a result never depends on what else was in a batch. Not thread-safe (scratch buffers): <see cref="Fork"/> one per thread.
/// </summary>
public abstract class SequenceClassifier
{
    /// <summary>Scaled features per row.</summary>
    public abstract int Inputs { get; }

    /// <summary>Floats per encoded row.</summary>
    public abstract int EncodedWidth { get; }

    public abstract void EncodeRow(ReadOnlySpan<float> scaled, Span<float> encoded);

    /// <summary>Three logits (DOWN, FLAT, UP) for <paramref name="steps"/> encoded rows, oldest first.</summary>
    public abstract void Classify(ReadOnlySpan<float> encodedRows, int steps, Span<float> logits);

    /// <summary>The same trained network with scratch buffers of its own, for another thread (the weights are shared, read-only).</summary>
    public abstract SequenceClassifier Fork();

}
