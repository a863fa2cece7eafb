namespace QuantumFlow.Models.Venues;

/// <summary>What a book sync did with one message.</summary>
public enum SyncResult : byte
{
    /// <summary>Not a book message.</summary>
    Ignored = 0,
    /// <summary>Held until a snapshot arrives (the venue's procedure buffers diffs before the snapshot).</summary>
    Buffered,
    /// <summary>Older than the book (its final id is at or below the book's): dropped, as the venue documents.</summary>
    Stale,
    /// <summary>Not applied because the book is waiting for a snapshot and the venue sends no diffs to buffer.</summary>
    Dropped,
    Applied,
    SnapshotApplied,
    /// <summary>The snapshot is older than the buffered diffs: fetch another one.</summary>
    SnapshotTooOld,
    /// <summary>Messages were missed or broke a rule: the book is now resyncing and needs a new snapshot (or resubscribe).</summary>
    Gap,
}

public static class SyncResults
{
    /// <summary>True when the book changed and is valid after the message.</summary>
    public static bool ChangedBook(this SyncResult r) => r is SyncResult.Applied or SyncResult.SnapshotApplied;
}
