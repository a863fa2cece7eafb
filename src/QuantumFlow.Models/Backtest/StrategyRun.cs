using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Backtest.Metrics;
using QuantumFlow.Models.Backtest.Strategies;

namespace QuantumFlow.Models.Backtest;

/// <summary>One strategy inside a backtest: its simulator (own orders and account), its context and its sampled equity.</summary>
public sealed class StrategyRun
{
    internal StrategyRun(IStrategy strategy, ExecutionSimulator simulator, StrategyContext context)
    {
        Strategy = strategy;
        Simulator = simulator;
        Context = context;
    }

    public IStrategy Strategy { get; }
    public ExecutionSimulator Simulator { get; }
    public StrategyContext Context { get; }
    public List<EquitySample> Samples { get; } = new();
}
