using System.Collections.Immutable;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction;

/// <summary>
/// A trained model that follows each book with state of its own (<see cref="IBookModelState"/>), so a feature row is
/// read once, when the book produces it, instead of once for every window that holds it, and a prediction is computed
/// on the book's own thread without copying the window to a shared model. Its answer depends on the book's rows alone,
/// never on other books or on when it is asked; the model says how it relates to <see cref="IProbabilisticModel.Predict"/>
/// on a window of the same rows (the Transformer's is the same bits; an LSTM's reads the rows its longest lane has run
/// over, <c>NeuralSequenceModel.Lanes</c>).
/// The model itself is shared by every book of a node and safe to use from many threads; each state is not.
/// </summary>
public interface IIncrementalModel : IProbabilisticModel
{
    /// <summary>State for one book whose rows carry <paramref name="featureNames"/>.</summary>
    /// <exception cref="KeyNotFoundException">a feature the model needs is not among the names.</exception>
    IBookModelState Follow(ImmutableArray<string> featureNames);

    /// <summary>Predictions made by all states so far, and the compute time they took (for <c>model list</c>).</summary>
    (long Predictions, TimeSpan Busy) Usage { get; }
}

/// <summary>One book's view of an <see cref="IIncrementalModel"/>: fed the same rows, in order, as the book's window.</summary>
public interface IBookModelState
{
    /// <summary>Rows held, up to the model's window length.</summary>
    int Count { get; }

    void Push(ReadOnlySpan<double> row);

    /// <summary>P(DOWN/FLAT/UP) for the rows pushed so far.</summary>
    /// <exception cref="InvalidOperationException">no row was pushed since the last <see cref="Clear"/>.</exception>
    ClassProbabilities Predict();

    /// <summary>A gap in the data: forget every row.</summary>
    void Clear();

    /// <summary>What the state holds (rows, encodings, recurrent lanes), so a restarted book predicts exactly as before.</summary>
    void Save(StateWriter state);

    /// <exception cref="InvalidDataException">The state belongs to another model or window.</exception>
    void Load(StateReader state);
}
