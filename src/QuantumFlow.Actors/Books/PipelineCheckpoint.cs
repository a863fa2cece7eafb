namespace QuantumFlow.Actors.Books;

/// <summary>
/// From a book to its child, after the events of the journal entry it is about to snapshot: answer with the state
/// after exactly those events (<see cref="PipelineCheckpoint"/>), so snapshot and state describe one instant.
/// </summary>
public sealed record CheckpointPipeline(long Id);

/// <summary>The child's answer to <see cref="CheckpointPipeline"/>: its state, or null when it cannot be captured now.</summary>
public sealed record PipelineCheckpoint(long Id, byte[]? State);
