using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Backtest.Metrics;

namespace QuantumFlow.Models.Backtest;

/// <summary>One strategy's sampled equity and its fills.</summary>
public sealed record StrategyCurve(string Strategy, IReadOnlyList<EquitySample> Samples, IReadOnlyList<Fill> Fills);
