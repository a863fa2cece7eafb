using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Books;

/// <summary>
/// From a book to its child (<see cref="BookPipelineActor"/>: features, predictions): one journaled event, in journal
/// order. The child keeps its own replica of the book from these events instead of sharing the parent's mutable book. During recovery the
/// events are replayed with <paramref name="Replaying"/> set, so the child rebuilds its state without publishing.
/// </summary>
public sealed record BookEventApplied(MarketEvent Event, bool Replaying);

/// <summary>
/// From a book to its child: recovery started from this checkpoint instead of the first event, with the state the
/// child saved at it (<see cref="CheckpointPipeline"/>; null when the checkpoint holds none).
/// </summary>
public sealed record BookRestored(BookSnapshot Checkpoint, byte[]? PipelineState);
