namespace QuantumFlow.Models.Esg;

/// <summary>A portfolio's ESG picture under one profile.</summary>
public sealed record PortfolioAnalysis(
    string Portfolio,
    string Profile,
    IReadOnlyList<HoldingScore> Holdings,
    double WeightedScore,
    double WeightedEnvironmental,
    double WeightedSocial,
    double WeightedGovernance,
    EsgRating Rating,
    IReadOnlyList<HoldingScore> Leaders,
    IReadOnlyList<HoldingScore> Laggards,
    IReadOnlyDictionary<string, double> ScoreBySector,
    IReadOnlyDictionary<string, int> RatingDistribution);
