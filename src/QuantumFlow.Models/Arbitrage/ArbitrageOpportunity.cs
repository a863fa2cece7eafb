namespace QuantumFlow.Models.Arbitrage;

/// <summary>Buy on <paramref name="BuyAt"/> at its ask, sell on <paramref name="SellAt"/> at its bid; USD prices; bps of the buy price.</summary>
public sealed record ArbitrageOpportunity(string BuyAt, string SellAt, decimal BuyAskUsd, decimal SellBidUsd, double GrossBps, double FeesBps, double NetBps);
