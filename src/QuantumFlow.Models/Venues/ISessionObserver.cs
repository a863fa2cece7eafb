using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>What a <see cref="MarketDataSession"/> reports. The message is reused after the call returns.</summary>
public interface ISessionObserver
{
    /// <summary>Every normalized message, with the book it went to (null for messages with no book) and what the sync did.</summary>
    void OnMessage(MarketMessage message, IBookSync? book, SyncResult result);

    /// <summary>A book needs a new snapshot (Binance: fetch REST depth; Coinbase: resubscribe).</summary>
    void OnResyncNeeded(IBookSync book) { }
}
