namespace QuantumFlow.Actors.Books;

/// <summary>Every message addressed to a book entity carries its entity id (venue:symbol), so one extractor routes them all.</summary>
public interface IWithSymbol
{
    string EntityId { get; }
}
