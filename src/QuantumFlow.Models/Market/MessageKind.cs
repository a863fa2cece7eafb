namespace QuantumFlow.Models.Market;

public enum MessageKind : byte
{
    /// <summary>Parsed, but carries nothing for the book (subscription acks, candles, tickers of other channels).</summary>
    Other = 0,
    Snapshot,
    Delta,
    Trade,
    BestBidAsk,
    Heartbeat,
}
