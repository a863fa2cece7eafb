namespace QuantumFlow.Models.Backtest;

/// <summary>The book's mid on the sampling clock (local time), for the report's price chart.</summary>
public readonly record struct MidSample(long TimeNs, decimal Mid);
