namespace QuantumFlow.Actors.Books;

/// <summary>How book actors persist and publish.</summary>
public sealed record BookActorOptions
{
    /// <summary>Save a snapshot of the book every this many journaled events (when the book is in a checkpointable state).</summary>
    public int SnapshotEvery { get; init; } = 10_000;

    /// <summary>Publish book tops and trades to distributed pub-sub (off for benchmarks of the book path alone).</summary>
    public bool Publish { get; init; } = true;

    /// <summary>Levels per side in published book tops.</summary>
    public int PublishDepth { get; init; } = 20;

    /// <summary>
    /// A book with no journaled event for this long is stale: its feed died or stalled, so its top is old news and it
    /// is no longer valid, whatever its sync state (a book re-hosted after its node died used to report Synced and
    /// valid with frozen data). Busy venues update many times a second; a quiet recording replayed in real time may
    /// show stale spells, which is true of it.
    /// </summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(5);
}
