using System.Collections.Immutable;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;

namespace QuantumFlow.Actors.Prediction;

/// <summary>
/// A book's prediction for the label horizon after one book update (the feature vector <paramref name="Sequence"/>):
/// per-model and ensemble probabilities, the predicted class and its probability, the weights and versions used.
/// <paramref name="LatencyNs"/> runs from the predictor receiving the book update to this event (all models answered);
/// <paramref name="ReceiveTimeNs"/> is the feed's receive time of that update, for end-to-end latency of live feeds.
/// <see cref="Resolved"/> are the labels this update resolved, of this book's earlier predictions: the predictor's own,
/// the ones its ensemble and learners learned from; subscribers take outcomes from there and never re-derive them.
/// </summary>
public sealed record PredictionEvent(
    string EntityId,
    long Sequence,
    long TimeNs,
    long ReceiveTimeNs,
    IReadOnlyList<ModelOutput> Models,
    double Down,
    double Flat,
    double Up,
    LabelClass Predicted,
    double Confidence,
    long LatencyNs) : IQuantumFlowMessage
{
    public ImmutableArray<Label> Resolved { get; init; } = [];
}
