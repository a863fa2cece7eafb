namespace QuantumFlow.Models.Backtest;

/// <summary>A backtest's outcome, what the verb's report.json holds: the input, when, and one result per run (one, or one per walk-forward fold, oldest first).</summary>
public sealed record BacktestReport(string Input, DateTimeOffset Generated, bool WalkForward, IReadOnlyList<BacktestResult> Runs);
