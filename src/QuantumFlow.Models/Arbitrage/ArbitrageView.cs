namespace QuantumFlow.Models.Arbitrage;

/// <summary>Every venue pair for one base asset, best net first; <paramref name="Unavailable"/> says why there is none.</summary>
public sealed record ArbitrageView(string Base, string? Unavailable, IReadOnlyList<ArbitrageOpportunity> Opportunities);
