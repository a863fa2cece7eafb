namespace QuantumFlow.Actors.Books;

/// <summary>Sharding's hand-off stop message for books: stop once the journal writes in flight are done.</summary>
public sealed class StopBook
{
    public static readonly StopBook Instance = new();
    private StopBook() { }
}
