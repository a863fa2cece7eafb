using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>
/// The venue's clock for an event: its exchange time, or its receive time when the venue does not stamp it (then feed
/// latency is taken as zero, the optimistic choice, stated in docs/BACKTEST.md).
/// </summary>
public static class EventClock
{
    public static long ExchangeNs(MarketEvent e) => e.ExchangeTimeNs > 0 ? e.ExchangeTimeNs : e.ReceiveTimeNs;
}
