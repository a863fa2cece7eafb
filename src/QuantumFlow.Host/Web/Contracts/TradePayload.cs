namespace QuantumFlow.Host.Web.Contracts;

/// <summary>One trade; <c>Side</c> is the aggressor ("Bid": a buyer lifted the ask).</summary>
public sealed record TradePayload(decimal Price, decimal Size, string Side, long TimeMs);
