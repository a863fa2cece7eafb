namespace QuantumFlow.Models.Backtest;

/// <summary>One recorded session (a recording, or a journal time range), with the time span it covers (Unix ns).</summary>
public sealed record BacktestSession(string Name, long StartNs, long EndNs);
