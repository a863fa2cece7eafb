namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>Whether a fill took resting liquidity (taker fee, extra slippage) or was resting liquidity (maker fee).</summary>
public enum Liquidity : byte
{
    Taker = 0,
    Maker,
}
