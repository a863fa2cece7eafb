using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features;

/// <summary>
/// A book rebuilt from its market events (<see cref="BookReplica"/>) with its incremental <see cref="FeatureEngine"/>:
/// what every consumer of a book's journaled events that needs features keeps (a book's pipeline actor, one per book,
/// the backtest replay through <see cref="Prediction.Live.BookPredictor"/>, and tests and benchmarks that recompute
/// features directly).
/// </summary>
public sealed class FeatureReplica
{
    private readonly BookReplica _replica;

    public FeatureReplica(Venue venue, string symbol, FeatureOptions? options = null)
    {
        _replica = new BookReplica(venue, symbol);
        Engine = new FeatureEngine(options);
        _fingerprint = StateBlob.Fingerprint(Engine.Options, Engine.Schema.Names);
    }

    private const string StateKind = "quantumflow-features/2";
    private readonly string _fingerprint;

    public FeatureEngine Engine { get; }
    public OrderBook Book => _replica.Book;

    /// <summary>
    /// Applies one event: a trade feeds the trade features; a snapshot or delta the venue's rules applied gives the
    /// new feature vector (reused by the next call). Returns null when the book did not change, including for an
    /// event the rules refuse (the book owner refused it as well; nothing changes).
    /// </summary>
    public FeatureVector? Apply(MarketEvent e)
    {
        SyncResult result;
        try
        {
            result = _replica.Apply(e);
        }
        catch (MarketDataException)
        {
            return null;
        }
        if (e is Trade)
        {
            Engine.OnTrade(_replica.LastMessage);
            return null;
        }
        return result.ChangedBook() ? Engine.OnBookUpdate(_replica.Book, _replica.LastMessage) : null;
    }

    /// <summary>The feature engine's state (the book itself travels as a <see cref="BookSnapshot"/>).</summary>
    public void Save(StateWriter w) => Engine.Save(w);

    /// <summary>The engine's state <see cref="Save"/> wrote, after <see cref="Restore(BookSnapshot)"/> restored the book.</summary>
    /// <exception cref="InvalidDataException">The state does not fit this engine (it is then half-loaded: restore again).</exception>
    public void Load(StateReader r) => Engine.Load(r);

    /// <summary>The engine's state as bytes, for a book checkpoint taken at the same event (features only, no predictor).</summary>
    public byte[] SaveState() => StateBlob.Write(StateKind, _fingerprint, Save);

    /// <summary>
    /// Recovery from a checkpoint and the state saved with it: the features go on exactly as if never stopped. Null
    /// when restored; otherwise why not, and the windows start empty (as <see cref="Restore(BookSnapshot)"/>).
    /// </summary>
    public string? Restore(BookSnapshot checkpoint, byte[]? state)
    {
        Restore(checkpoint);
        if (state is null) return "the checkpoint holds no feature state";
        string? problem = StateBlob.Read(state, StateKind, _fingerprint, Load);
        if (problem is not null) Restore(checkpoint);
        return problem;
    }

    /// <summary>Starts again from a book checkpoint: the book is restored, the feature windows start empty.</summary>
    public void Restore(BookSnapshot checkpoint)
    {
        _replica.Restore(checkpoint);
        Engine.Reset();
    }
}
