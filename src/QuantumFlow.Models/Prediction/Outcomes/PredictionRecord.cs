using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Outcomes;

/// <summary>
/// One prediction as the web host keeps it, and its outcome once the label horizon has passed: the realised mid return
/// and its class (UP/DOWN/FLAT by the node's label threshold). Outcome fields are null until resolved.
/// </summary>
public sealed record PredictionRecord(
    long Sequence,
    long TimeNs,
    LabelClass Predicted,
    double Confidence,
    double Down,
    double Flat,
    double Up,
    IReadOnlyList<ModelOutput> Models,
    double MidAtPrediction,
    LabelClass? Outcome = null,
    double? ReturnBps = null,
    double? MidAtHorizon = null)
{
    public bool Resolved => Outcome is not null;
    public bool? Hit => Outcome is { } o ? o == Predicted : null;
}
