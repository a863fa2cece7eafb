using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Web.Contracts;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Bayesian;

namespace QuantumFlow.Host.Web.Scoring;

/// <summary>
/// Scores a caller's snapshot with the pure feature engine and the node's models, outside the actors: the snapshot is
/// one book state, so history-based features start empty and sequence models see that state held for their whole
/// window. The online learners start from their priors here (the live ones learn inside each book). The ensemble is
/// the plain mean: there is no track record for a snapshot to weigh models by.
/// </summary>
public sealed class SnapshotScorer
{
    private readonly IReadOnlyList<IProbabilisticModel> _models;
    private readonly FeatureOptions _features;
    // The models are not safe to call concurrently (Torch modules, learners' scratch state): one request at a time.
    private readonly Lock _gate = new();

    /// <param name="batchModels">trained models for this scorer alone (a network's window path serves one caller at a time).</param>
    public SnapshotScorer(PredictionOptions prediction, IReadOnlyList<IProbabilisticModel> batchModels)
    {
        _features = prediction.Features;
        _models = [.. prediction.Learners.Select(o => new DirichletStateModel(o)), .. batchModels];
    }

    public IReadOnlyList<IProbabilisticModel> Models => _models;

    public ScoreResult Score(Venue venue, string symbol, string entityId, LevelUpdate[] levels)
    {
        var replica = new FeatureReplica(venue, symbol, _features);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        FeatureVector vector = replica.Apply(new BookSnapshot(venue, symbol, now, now, 1, levels))
            ?? throw new InvalidOperationException("the feature engine refused a validated snapshot");
        int length = Math.Max(1, _models.Max(m => m.WindowLength));
        var window = new FeatureWindow(vector.Schema.Names, length);
        for (int i = 0; i < length; i++) window.Push(vector.Values);

        var outputs = new List<ModelPayload>();
        lock (_gate)
        {
            foreach (IProbabilisticModel m in _models)
            {
                ClassProbabilities p = m.Predict(window);
                outputs.Add(new ModelPayload(m.Name, m.Version, 1.0 / _models.Count, p.Down, p.Flat, p.Up));
            }
        }
        var mean = ClassProbabilities.Normalized(outputs.Average(o => o.Down), outputs.Average(o => o.Flat), outputs.Average(o => o.Up));
        var highlights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < vector.Schema.Names.Length; i++)
        {
            if (Array.IndexOf(Market.MarketState.Highlights, vector.Schema.Names[i]) >= 0 && double.IsFinite(vector.Values[i]))
                highlights[vector.Schema.Names[i]] = vector.Values[i];
        }
        return new ScoreResult(entityId, mean.Predicted.ToString().ToUpperInvariant(), mean.Confidence, mean.Down, mean.Flat, mean.Up, outputs, highlights);
    }
}
