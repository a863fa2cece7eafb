namespace QuantumFlow.Models.Backtest.Metrics;

/// <summary>One strategy's P&amp;L on the fixed sampling clock: at <see cref="TimeNs"/> (local clock), marked to that mid.</summary>
public readonly record struct EquitySample(long TimeNs, decimal Mid, decimal NetPnl, decimal GrossPnl, decimal Position);
