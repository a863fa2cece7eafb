namespace QuantumFlow.Actors.Books;

/// <summary>A message for one of a book's children (by name): the book forwards it, keeping the sender.</summary>
public interface IForChild : IWithBookId
{
    string ChildName { get; }
}
