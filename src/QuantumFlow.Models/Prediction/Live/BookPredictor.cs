using QuantumFlow.Models.Book;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Ensembles;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>
/// Everything one book predicts with, built one way for the live prediction actor and for the replay, so the two
/// cannot drift: the book replica with its feature engine, one instance of each online learner, the window sized for
/// the longest batch model, the ensemble over learners then batch models, and the labeler. Not thread-safe.
/// </summary>
public sealed class BookPredictor
{
    /// <param name="copyWindows">See <see cref="SymbolPredictor"/>: true when batch models answer later on other threads.</param>
    public BookPredictor(Venue venue, string symbol, FeatureOptions features, IReadOnlyList<DirichletStateOptions> learners,
        IReadOnlyList<IProbabilisticModel> batchModels, LabelOptions labels, EnsembleOptions ensemble, bool copyWindows)
    {
        ArgumentNullException.ThrowIfNull(learners);
        ArgumentNullException.ThrowIfNull(batchModels);
        Features = new FeatureReplica(venue, symbol, features);
        BatchModels = [.. batchModels];
        int window = batchModels.Count == 0 ? 1 : batchModels.Max(m => m.WindowLength);
        Predictor = new SymbolPredictor(Features.Engine.Schema, [.. learners.Select(o => new DirichletStateModel(o))],
            [.. batchModels.Select(m => new ModelInfo(m.Name, m.Version))], window, labels, ensemble, copyWindows);
    }

    public FeatureReplica Features { get; }
    public SymbolPredictor Predictor { get; }

    /// <summary>The trained models, in the order of <see cref="SymbolPredictor.BatchModels"/> (their slots).</summary>
    public IReadOnlyList<IProbabilisticModel> BatchModels { get; }

    /// <summary>The book's next journaled event: the feature vector it produced, or null when the book did not change.</summary>
    public FeatureVector? Apply(MarketEvent e) => Features.Apply(e);

    /// <summary>Recovery started from a checkpoint: the book is restored, windows, labels and pending predictions start empty.</summary>
    public void Restore(BookSnapshot checkpoint)
    {
        Features.Restore(checkpoint);
        Predictor.Reset();
    }
}
