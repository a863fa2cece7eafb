namespace QuantumFlow.Models.Backtest.Execution;

public enum OrderType : byte
{
    /// <summary>Takes whatever the opposite side holds, walking its levels, when it reaches the venue.</summary>
    Market = 0,
    /// <summary>Takes what is marketable up to its price on arrival, then rests in the queue at its price.</summary>
    Limit,
}
