namespace QuantumFlow.Models.Esg;

/// <summary>Holdings to analyse; weights are normalised by their sum, so percentages, amounts or shares all work.</summary>
public sealed record EsgPortfolio(string Name, IReadOnlyList<Holding> Holdings);
