using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Persistence;

/// <summary>
/// What a book journals for each market event: the event, and which feed batch delivered it, so that after a restart
/// the book still recognises a batch its feed resends and does not journal it twice.
/// </summary>
public sealed record JournalEntry(long FeedRun, long Seq, MarketEvent Event) : IQuantumFlowMessage;
