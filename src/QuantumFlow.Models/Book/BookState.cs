namespace QuantumFlow.Models.Book;

public enum BookState : byte
{
    /// <summary>No snapshot yet: the book is empty and not to be read.</summary>
    AwaitingSnapshot = 0,
    /// <summary>Built from a snapshot and every update since, in order: the only state in which the book is valid.</summary>
    Synced,
    /// <summary>A gap or an out-of-rule message was seen: the book is stale until a fresh snapshot arrives.</summary>
    Resyncing,
}
