using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Prediction;

/// <summary>Every book's predictions: which features, which models, which label, how the ensemble weighs them.</summary>
public sealed record PredictionOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The book's features, the one set it computes: what the models read (must match what they were trained on,
    /// their scalers bind features by name) and what the book publishes, also when predictions are off.
    /// </summary>
    public FeatureOptions Features { get; init; } = FeatureOptions.Default;

    /// <summary>The horizon and threshold that resolve predictions (and must match the models' training labels).</summary>
    public LabelOptions Labels { get; init; } = LabelOptions.Trading;

    public EnsembleOptions Ensemble { get; init; } = EnsembleOptions.Default;

    /// <summary>Online learners, one instance per book: by default the state-conditioned Dirichlet and the unconditioned one (a running label frequency: the baseline the others must beat).</summary>
    public IReadOnlyList<DirichletStateOptions> Learners { get; init; } =
        [DirichletStateOptions.Default, DirichletStateOptions.Default with { Name = "dirichlet", Conditioned = false }];

    /// <summary>
    /// Trained members that keep learning inside each book (the logistic member): each book calls every factory once
    /// for its own copy. They run as learners, right after <see cref="Learners"/>.
    /// </summary>
    public IReadOnlyList<Func<IOnlineLearner>> OnlineModels { get; init; } = [];

    /// <summary>
    /// Trained models shared by all books of a node. One that can follow a book (<see cref="IIncrementalModel"/>, the
    /// exported networks) keeps a state per book inside each predictor and answers on the book's thread; any other
    /// (a Torch module) runs in one node-local model actor that micro-batches the requests of many symbols, and must
    /// be safe to call from that actor's thread while nothing else calls it.
    /// </summary>
    public IReadOnlyList<IProbabilisticModel> TrainedModels { get; init; } = [];

    /// <summary>
    /// One book's predictor as these options define it: the live actor (<paramref name="copyWindows"/> true, its models
    /// answer on other threads) and the replay (false) both build it here, so they predict with the same setup.
    /// </summary>
    public BookPredictor CreatePredictor(Venue venue, string symbol, bool copyWindows) =>
        new(venue, symbol, Features, Learners, TrainedModels, Labels, Ensemble, copyWindows, OnlineModels);
}
