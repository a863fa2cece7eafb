using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Books;

/// <summary>
/// A batch of market events for one book, from one run of a feed. <paramref name="Seq"/> counts the feed run's
/// batches for this book from 1 and is what the acknowledgement names; <paramref name="FirstEvent"/> numbers the
/// batch's first event among the run's events for this book (from 1). The book acknowledges each batch once it is
/// journaled and skips every event it has already journaled, so a feed can resend until acknowledged, or re-read after
/// a restart, without duplicating anything.
/// </summary>
public sealed record Ingest(string EntityId, long FeedRun, long Seq, long FirstEvent, IReadOnlyList<MarketEvent> Events) : IWithBookId, IQuantumFlowMessage;

/// <summary>The batch <paramref name="Seq"/> of <paramref name="FeedRun"/> is journaled (or was already).</summary>
public sealed record IngestAck(string EntityId, long FeedRun, long Seq) : IQuantumFlowMessage;

/// <summary>From a book to its feed: the book is resyncing and needs a fresh snapshot (Binance REST depth, Coinbase resubscribe).</summary>
public sealed record SnapshotNeeded(string EntityId, Venue Venue, string Symbol, string Reason) : IQuantumFlowMessage;

/// <summary>Asks a book for its current state, top <paramref name="Depth"/> levels per side.</summary>
public sealed record GetBook(string EntityId, int Depth) : IWithBookId, IQuantumFlowMessage;

/// <summary>A book's state as served to readers; <see cref="IsValid"/> is false while it awaits or re-fetches a snapshot.</summary>
public sealed record BookView(
    string EntityId,
    string State,
    bool IsValid,
    long LastUpdateId,
    long ExchangeTimeNs,
    long ReceiveTimeNs,
    long EventsJournaled,
    int Resyncs,
    string? LastProblem,
    IReadOnlyList<LevelUpdate> Bids,
    IReadOnlyList<LevelUpdate> Asks) : IQuantumFlowMessage;

/// <summary>On the node's event stream when a book entity has recovered a non-empty journal.</summary>
public sealed record BookRecovered(string EntityId, long EventsJournaled, string State, TimeSpan Took);
