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

    /// <summary>
    /// Floats of a recurrent state carried from row to row (<see cref="LaneBookState"/>), with room to attend over the
    /// last <paramref name="span"/> steps; 0 for a network that is not recurrent.
    /// </summary>
    public virtual int CarriedWidth(int span) => 0;

    /// <summary>
    /// One row into a carried state: <paramref name="state"/> (<see cref="CarriedWidth"/> floats, zeros before the
    /// first row) advanced by the row's encoding; <paramref name="before"/> rows came earlier. The same arithmetic, in
    /// the same order, as <see cref="Classify"/> over those rows.
    /// </summary>
    public virtual void Advance(ReadOnlySpan<float> encoded, Span<float> state, long before, int span) =>
        throw new NotSupportedException($"{GetType().Name} carries no recurrent state");

    /// <summary>Three logits (DOWN, FLAT, UP) from a carried state after <paramref name="rows"/> rows (1 to span).</summary>
    public virtual void ClassifyCarried(ReadOnlySpan<float> state, long rows, int span, Span<float> logits) =>
        throw new NotSupportedException($"{GetType().Name} carries no recurrent state");

    /// <summary>The same trained network with scratch buffers of its own, for another thread (the weights are shared, read-only).</summary>
    public abstract SequenceClassifier Fork();

}
