using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Backtest.Metrics;
using QuantumFlow.Models.Prediction.Evaluation;

namespace QuantumFlow.Models.Backtest;

/// <summary>Everything a report needs: what ran, the metric rows (deflated over all trading rows), curves, fills and signal quality.</summary>
public sealed record BacktestResult(
    string Description,
    string BookId,
    long StartNs,
    long EndNs,
    long Events,
    long Predictions,
    BacktestOptions Options,
    IReadOnlyList<PerformanceMetrics> Rows,
    IReadOnlyList<StrategyCurve> Curves,
    IReadOnlyList<MidSample> Mid,
    ClassificationReport? Signal,
    SignalEdge? Edge);
