using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>One price level's part of a fill, exact.</summary>
public readonly record struct FillLeg(Price Price, Quantity Quantity);
