namespace QuantumFlow.Models.Backtest;

/// <summary>One walk-forward step: warm up (train) on <see cref="Train"/>, all of which ended before <see cref="Test"/> began, then test on it.</summary>
public sealed record WalkForwardFold(int Index, IReadOnlyList<BacktestSession> Train, BacktestSession Test);
