namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>
/// A position from flat back to flat (a flip closes one and opens the next): its P&amp;L net of every cost of its fills
/// (a fill that flips is split pro rata), gross of them, and when it opened and closed (exchange clock).
/// </summary>
public sealed record RoundTrip(long OpenedNs, long ClosedNs, int Direction, decimal GrossPnl, decimal Costs)
{
    public decimal NetPnl => GrossPnl - Costs;
}
