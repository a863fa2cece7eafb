namespace QuantumFlow.Actors.Books;

/// <summary>Every message addressed to a book entity carries its book id (venue:symbol), the entity id the shard routes on, so one extractor routes them all.</summary>
public interface IWithBookId
{
    string EntityId { get; }
}
