using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

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
    }

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

    /// <summary>Starts again from a book checkpoint: the book is restored, the feature windows start empty.</summary>
    public void Restore(BookSnapshot checkpoint)
    {
        _replica.Restore(checkpoint);
        Engine.Reset();
    }
}
