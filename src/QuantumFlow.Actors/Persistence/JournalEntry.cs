using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Persistence;

/// <summary>
/// What a book journals per feed batch: the batch's market events in arrival order, and which feed batch delivered
/// them, so that after a restart the book still recognises a batch its feed resends and does not journal it twice.
/// One journal row (and one row per tag) per batch instead of per event: the tag rows dominated the cost of writing.
/// </summary>
public sealed record JournalEntry(long FeedRun, long Seq, IReadOnlyList<MarketEvent> Events) : IQuantumFlowMessage;
