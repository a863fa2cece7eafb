using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>
/// One venue's documented rules for keeping one local book in step with its feed: what to buffer, drop, apply,
/// and when the book can no longer be trusted.
/// </summary>
public interface IBookSync
{
    OrderBook Book { get; }

    /// <summary>Times the book was found broken (a gap, an out-of-rule message, a crossed result) and had to resync.</summary>
    int Resyncs { get; }

    /// <summary>Why the last gap or refusal happened, for logs and operators.</summary>
    string? LastProblem { get; }

    /// <summary>Applies a snapshot or delta by the venue's rules; other kinds are <see cref="SyncResult.Ignored"/>.</summary>
    /// <exception cref="MarketDataException">a snapshot is crossed; nothing is changed.</exception>
    SyncResult Apply(MarketMessage message);

    /// <summary>The connection broke or skipped messages: the book is stale until a new snapshot.</summary>
    void Invalidate(string reason);

    /// <summary>True when the sync holds nothing but the book (synced, nothing buffered, not waiting for a bracketing diff), so a checkpoint of the book alone restores it exactly.</summary>
    bool CanCheckpoint { get; }

    /// <summary>Restores a synced book from a checkpoint taken when <see cref="CanCheckpoint"/> was true.</summary>
    void Restore(ReadOnlySpan<LevelUpdate> levels, long updateId, long exchangeTimeNs, long receiveTimeNs);
}
