namespace QuantumFlow.Models.Prediction.Outcomes;

/// <summary>How often each model's most likely class matched the resolved outcome (and the ensemble's, as "ensemble").</summary>
public sealed class ModelHitRates
{
    public const string Ensemble = "ensemble";
    private readonly Dictionary<string, (long Hits, long Count)> _counts = new(StringComparer.Ordinal);

    public void OnResolved(PredictionRecord r)
    {
        if (r.Outcome is not { } outcome) return;
        Count(Ensemble, r.Predicted == outcome);
        foreach (var m in r.Models)
            Count(m.Name, new ClassProbabilities(m.Down, m.Flat, m.Up).Predicted == outcome);
    }

    public IReadOnlyDictionary<string, (long Hits, long Count)> Snapshot() => new Dictionary<string, (long, long)>(_counts, StringComparer.Ordinal);

    private void Count(string model, bool hit)
    {
        var c = _counts.GetValueOrDefault(model);
        _counts[model] = (c.Hits + (hit ? 1 : 0), c.Count + 1);
    }
}
