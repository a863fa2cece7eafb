using QuantumFlow.Models.Book;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>
/// Everything one book predicts with, from its market events: built one way for the live node (the book's pipeline
/// actor, behind a <see cref="HoldBackQueue"/>) and for the replay, so the two cannot drift. Roles: this class takes
/// the book's events; its <see cref="FeatureReplica"/> (the book replica with the one feature engine, whose vectors
/// the live node also publishes) turns them into feature vectors; its <see cref="EnsemblePredictor"/> turns those into
/// predictions. It holds: the book replica with its feature engine, one instance of each online learner, this book's state of
/// every trained model that can follow a book (<see cref="IIncrementalModel"/>), the window sized for the longest
/// remaining (batch) model, the ensemble over learners, followed models, then batch models, and the labeler.
/// Not thread-safe.
/// </summary>
public sealed class BookPredictor
{
    /// <param name="trainedModels">Incremental models are followed here and answer at once; the others are batch models, asked by the caller.</param>
    /// <param name="copyWindows">See <see cref="EnsemblePredictor"/>: true when batch models answer later on other threads.</param>
    /// <param name="onlineModels">Trained members that keep learning per book (the logistic member): one fresh copy each, after the Dirichlet learners.</param>
    public BookPredictor(Venue venue, string symbol, FeatureOptions features, IReadOnlyList<DirichletStateOptions> learners,
        IReadOnlyList<IProbabilisticModel> trainedModels, LabelOptions labels, EnsembleOptions ensemble, bool copyWindows,
        IReadOnlyList<Func<IOnlineLearner>>? onlineModels = null)
    {
        ArgumentNullException.ThrowIfNull(learners);
        ArgumentNullException.ThrowIfNull(trainedModels);
        Features = new FeatureReplica(venue, symbol, features);
        IIncrementalModel[] followed = [.. trainedModels.OfType<IIncrementalModel>()];
        BatchModels = [.. trainedModels.Where(m => m is not IIncrementalModel)];
        int window = BatchModels.Count == 0 ? 1 : BatchModels.Max(m => m.WindowLength);
        Predictor = new EnsemblePredictor(Features.Engine.Schema, [.. learners.Select(o => new DirichletStateModel(o)), .. (onlineModels ?? []).Select(create => create())],
            [.. BatchModels.Select(m => new ModelInfo(m.Name, m.Version, m.ValidationLogLoss))], window, labels, ensemble, copyWindows, followed);
        _fingerprint = StateBlob.Fingerprint(Features.Engine.Options, Features.Engine.Schema.Names, Predictor.LabelOptions, ensemble,
            learners, Predictor.Models.Select(m => $"{m.Name} {m.Version}").ToArray(), window);
    }

    // 3: an LSTM's state is its lanes (LaneBookState), no longer its window's encoded rows.
    private const string StateKind = "quantumflow-book-predictor/3";
    private readonly string _fingerprint;

    public FeatureReplica Features { get; }
    public EnsemblePredictor Predictor { get; }

    /// <summary>The trained models the caller asks, in the order of <see cref="EnsemblePredictor.BatchModels"/> (their slots).</summary>
    public IReadOnlyList<IProbabilisticModel> BatchModels { get; }

    /// <summary>The book's next journaled event: the feature vector it produced, or null when the book did not change.</summary>
    public FeatureVector? Apply(MarketEvent e) => Features.Apply(e);

    /// <summary>Recovery started from a checkpoint: the book is restored, windows, labels and pending predictions start empty.</summary>
    public void Restore(BookSnapshot checkpoint)
    {
        Features.Restore(checkpoint);
        Predictor.Reset();
    }

    /// <summary>False while a prediction waits for a batch model (its answer would reach this instance only).</summary>
    public bool CanSaveState => Predictor.CanSave;

    /// <summary>
    /// The feature engine and the predictor as bytes, for a book checkpoint taken at the same event: windows, network
    /// states, learners, ensemble scores and the predictions waiting for their labels.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="CanSaveState"/> is false.</exception>
    public byte[] SaveState() => StateBlob.Write(StateKind, _fingerprint, w =>
    {
        Features.Save(w);
        Predictor.Save(w);
    });

    /// <summary>
    /// Recovery from a checkpoint and the state <see cref="SaveState"/> saved with it: the book then predicts, learns
    /// and weighs exactly as if it had never stopped. Null when restored; otherwise why not (no state, another
    /// configuration, damaged), and it starts from the book alone with everything learned forgotten.
    /// </summary>
    public string? Restore(BookSnapshot checkpoint, byte[]? state)
    {
        Restore(checkpoint);
        if (state is null) return "the checkpoint holds no predictor state";
        string? problem = StateBlob.Read(state, StateKind, _fingerprint, r =>
        {
            Features.Load(r);
            Predictor.Load(r);
        });
        if (problem is null) return null;
        Features.Restore(checkpoint);
        Predictor.Forget();
        return problem;
    }
}
