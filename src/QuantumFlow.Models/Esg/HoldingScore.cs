namespace QuantumFlow.Models.Esg;

/// <summary>One holding scored: its share of the portfolio (weights normalised to sum to 1) and its score.</summary>
public sealed record HoldingScore(string CompanyId, double Weight, EsgScore Score);
