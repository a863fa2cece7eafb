namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>
/// A position from flat back to flat (a flip closes one and opens the next): its P&amp;L net of every cost of its fills
/// (a fill that flips is split pro rata), gross of them, the notional of the fills that built it, and when it opened
/// and closed (exchange clock).
/// </summary>
public sealed record RoundTrip(long OpenedNs, long ClosedNs, int Direction, decimal GrossPnl, decimal Costs, decimal EntryNotional)
{
    public decimal NetPnl => GrossPnl - Costs;

    /// <summary>Gross P&amp;L in bps of the notional traded in.</summary>
    public double GrossBps => EntryNotional > 0 ? (double)(GrossPnl / EntryNotional) * 1e4 : 0;

    /// <summary>Fees and slippage of both legs in bps of the notional traded in.</summary>
    public double CostBps => EntryNotional > 0 ? (double)(Costs / EntryNotional) * 1e4 : 0;

    public double NetBps => GrossBps - CostBps;
}
