namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>One persistence id in the journal database: rows (one per feed batch), market events inside them, tag rows, snapshots.</summary>
public sealed record BookJournalStats(string PersistenceId, long Rows, long Events, long Tags, long Snapshots, long HighestSequenceNr);
