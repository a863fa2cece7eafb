using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Book;

/// <summary>One resting price level of a book.</summary>
public readonly record struct Level(Price Price, Quantity Quantity);
