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
}
