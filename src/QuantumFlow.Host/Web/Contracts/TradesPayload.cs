namespace QuantumFlow.Host.Web.Contracts;

/// <summary>A symbol's most recent trades, newest last: pushed whole, so a throttled client that skips pushes still sees the tape.</summary>
public sealed record TradesPayload(string Symbol, IReadOnlyList<TradePayload> Trades);
