using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Persistence;

/// <summary>
/// A book actor's snapshot: the synced book, the last feed batch and feed event journaled (see
/// <see cref="JournalEntry"/>), how many events it had journaled, and its pipeline's state at the same event (feature
/// windows, network states, learners, ensemble scores, predictions waiting for labels; null when none was captured).
/// </summary>
public sealed record BookCheckpoint(long FeedRun, long Seq, long LastEvent, long EventsJournaled, BookSnapshot Book, byte[]? Pipeline = null) : IQuantumFlowMessage;
