using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Backtest;

/// <summary>
/// One step of a replay, in the order the live node saw it: the market event as the venue sent it (both clocks), and
/// the prediction the same book, feature, model and ensemble code made right after applying it (null when it made
/// none: invalid book, warm-up, or an event that moves no feature). Strategies decide on the prediction; the execution
/// simulator fills on the events.
/// </summary>
public sealed record ReplayStep(MarketEvent Event, CompletedPrediction? Prediction);
