namespace QuantumFlow.Models.Market;

/// <summary>Book side of a level, or the aggressor side of a trade (Bid = buyer, Ask = seller).</summary>
public enum Side : byte
{
    Bid = 0,
    Ask = 1,
}
