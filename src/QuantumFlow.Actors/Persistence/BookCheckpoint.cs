using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Persistence;

/// <summary>
/// A book actor's snapshot: the synced book, the last feed batch and feed event journaled (see
/// <see cref="JournalEntry"/>), and how many events it had journaled.
/// </summary>
public sealed record BookCheckpoint(long FeedRun, long Seq, long LastEvent, long EventsJournaled, BookSnapshot Book) : IQuantumFlowMessage;
