namespace QuantumFlow.Models.Esg;

/// <summary>A position in a portfolio: a company (by <see cref="CompanyMetrics.Id"/>) and its weight (any positive scale).</summary>
public sealed record Holding(string CompanyId, double Weight);
