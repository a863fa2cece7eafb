using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Persistence;

/// <summary>
/// What a book journals per feed batch: the batch's market events in arrival order, which feed batch delivered them
/// and the feed run's number of the last of them, so that after a restart the book still recognises events its feed
/// resends or re-reads and does not journal them twice (<see cref="Books.IngestLedger"/>). One journal row (and one
/// row per tag) per batch instead of per event: the tag rows dominated the cost of writing.
/// </summary>
/// <param name="LastEvent">0 in entries written before events were numbered (manifest J1).</param>
public sealed record JournalEntry(long FeedRun, long Seq, long LastEvent, IReadOnlyList<MarketEvent> Events) : IQuantumFlowMessage;
