using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Outcomes;

namespace QuantumFlow.Host.Web.Contracts;

/// <summary>
/// A prediction: ensemble probabilities, predicted class and confidence, every model's part; with its outcome once
/// the label horizon has passed (null before). <c>LatencyMs</c>: book update to prediction inside the node.
/// </summary>
public sealed record PredictionPayload(
    string Symbol, long Sequence, long TimeMs, string Predicted, double Confidence, double Down, double Flat, double Up,
    IReadOnlyList<ModelPayload> Models, double? LatencyMs, double MidAtPrediction, string? Outcome, double? ReturnBps)
{
    public static PredictionPayload From(PredictionEvent p, double mid) => new(
        p.EntityId, p.Sequence, p.TimeNs / 1_000_000, p.Predicted.ToString().ToUpperInvariant(), p.Confidence, p.Down, p.Flat, p.Up,
        ToModels(p.Models), p.LatencyNs / 1e6, mid, null, null);

    public static PredictionPayload From(string symbol, PredictionRecord r) => new(
        symbol, r.Sequence, r.TimeNs / 1_000_000, r.Predicted.ToString().ToUpperInvariant(), r.Confidence, r.Down, r.Flat, r.Up,
        ToModels(r.Models), null, r.MidAtPrediction, r.Outcome?.ToString().ToUpperInvariant(), r.ReturnBps);

    private static List<ModelPayload> ToModels(IReadOnlyList<ModelOutput> models) =>
        models.Select(m => new ModelPayload(m.Name, m.Version, m.Weight, m.Down, m.Flat, m.Up)).ToList();
}
