using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Web.Contracts;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Ensembles;

namespace QuantumFlow.Host.Web.Scoring;

/// <summary>
/// Scores a caller's snapshot with the pure feature engine and the node's models, outside the actors: the snapshot is
/// one book state, so history-based features start empty and sequence models see that state held for their whole
/// window. The online learners start from their priors here (the live ones learn inside each book). The models are
/// mixed as the symbol's live ensemble mixes them: with its current weights (from its latest prediction), through the
/// same <see cref="PerformanceWeightedEnsemble.Combine(ReadOnlySpan{ClassProbabilities}, ReadOnlySpan{double})"/>;
/// before the symbol has predicted, with the weights a fresh ensemble starts from.
/// </summary>
public sealed class SnapshotScorer
{
    private readonly IReadOnlyList<IProbabilisticModel> _models;
    private readonly FeatureOptions _features;
    private readonly EnsembleOptions _ensemble;
    // The models are not safe to call concurrently (Torch modules, learners' scratch state): one request at a time.
    private readonly Lock _gate = new();

    /// <param name="batchModels">trained models for this scorer alone (a network's window path serves one caller at a time).</param>
    public SnapshotScorer(PredictionOptions prediction, IReadOnlyList<IProbabilisticModel> batchModels)
    {
        _features = prediction.Features;
        _ensemble = prediction.Ensemble;
        _models = [.. prediction.Learners.Select(o => new DirichletStateModel(o)), .. prediction.OnlineModels.Select(create => create()), .. batchModels];
    }

    public IReadOnlyList<IProbabilisticModel> Models => _models;

    /// <param name="live">The symbol's latest prediction (its models and their current weights); null before its first.</param>
    public ScoreResult Score(Venue venue, string symbol, string entityId, LevelUpdate[] levels, PredictionEvent? live = null)
    {
        var replica = new FeatureReplica(venue, symbol, _features);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        FeatureVector vector = replica.Apply(new BookSnapshot(venue, symbol, now, now, 1, levels))
            ?? throw new InvalidOperationException("the feature engine refused a validated snapshot");
        int length = Math.Max(1, _models.Max(m => m.WindowLength));
        var window = new FeatureWindow(vector.Schema.Names, length);
        for (int i = 0; i < length; i++) window.Push(vector.Values);

        var said = new ClassProbabilities[_models.Count];
        lock (_gate)
        {
            for (int m = 0; m < _models.Count; m++) said[m] = _models[m].Predict(window);
        }
        double[] weights = Weights(live);
        ClassProbabilities mean = PerformanceWeightedEnsemble.Combine(said, weights);
        var outputs = new List<ModelPayload>(_models.Count);
        for (int m = 0; m < _models.Count; m++) outputs.Add(new ModelPayload(_models[m].Name, _models[m].Version, weights[m], said[m].Down, said[m].Flat, said[m].Up));
        var highlights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < vector.Schema.Names.Length; i++)
        {
            if (Array.IndexOf(Market.MarketState.Highlights, vector.Schema.Names[i]) >= 0 && double.IsFinite(vector.Values[i]))
                highlights[vector.Schema.Names[i]] = vector.Values[i];
        }
        return new ScoreResult(entityId, mean.Predicted.ToString().ToUpperInvariant(), mean.Confidence, mean.Down, mean.Flat, mean.Up, outputs, highlights);
    }

    /// <summary>Each model's weight in the live ensemble of the symbol (by name), renormalised over the models scored here.</summary>
    private double[] Weights(PredictionEvent? live)
    {
        var fresh = new PerformanceWeightedEnsemble(_models.Select(m => m.Name), _ensemble);
        var weights = new double[_models.Count];
        for (int m = 0; m < weights.Length; m++)
        {
            weights[m] = fresh.Weights[m];
            foreach (ModelOutput output in live?.Models ?? [])
            {
                if (output.Name != _models[m].Name) continue;
                weights[m] = output.Weight;
                break;
            }
        }
        double sum = weights.Sum();
        for (int m = 0; m < weights.Length; m++) weights[m] /= sum;
        return weights;
    }
}
