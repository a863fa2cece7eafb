namespace QuantumFlow.Models.Esg;

/// <summary>Weighted score, leaders and laggards, score by sector and rating distribution of a portfolio.</summary>
public static class PortfolioAnalyzer
{
    /// <summary>The seed's thresholds: leaders score 70 or more (AA and better), laggards under 50 (below BBB).</summary>
    public const double LeaderScore = 70;
    public const double LaggardScore = 50;

    /// <summary>
    /// Weights are relative, so each may be any finite number, but their sum must be too: past double's range every
    /// share becomes NaN and the weighted score a silent wrong number.
    /// </summary>
    public const string OverflowMessage = "the weights sum past the largest representable number; scale them down (they are relative: 60 and 40 mean 60 % and 40 %)";

    /// <summary>
    /// The sector's weighted score; a sector held only at weight 0 (allowed: a position kept on the list) has no
    /// weights to divide by, so it shows the plain mean of its companies instead of 0/0 (NaN, which JSON cannot carry).
    /// </summary>
    private static double SectorScore(List<HoldingScore> sector)
    {
        double weight = sector.Sum(h => h.Weight);
        return weight > 0 ? sector.Sum(h => h.Weight * h.Score.Overall) / weight : sector.Average(h => h.Score.Overall);
    }

    /// <exception cref="EsgDataException">a holding names a company not given, or the weights do not sum to more than 0 (or overflow).</exception>
    public static PortfolioAnalysis Analyze(EsgPortfolio portfolio, IReadOnlyList<CompanyMetrics> companies, EsgProfile profile)
    {
        var byId = companies.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var errors = new List<EsgDataError>();
        for (int i = 0; i < portfolio.Holdings.Count; i++)
            if (!byId.ContainsKey(portfolio.Holdings[i].CompanyId))
                errors.Add(new EsgDataError(portfolio.Name, $"holding {i + 1}", "company", $"unknown company '{portfolio.Holdings[i].CompanyId}'"));
        double total = portfolio.Holdings.Sum(h => h.Weight);
        if (portfolio.Holdings.Count == 0 || !(total > 0))
            errors.Add(new EsgDataError(portfolio.Name, "holdings", "weight", "the portfolio needs at least one holding with a positive weight"));
        else if (!double.IsFinite(total))
            errors.Add(new EsgDataError(portfolio.Name, "holdings", "weight", OverflowMessage));
        if (errors.Count > 0) throw new EsgDataException(errors);

        // One row per company: a company listed twice is one position with the summed weight.
        List<HoldingScore> holdings = portfolio.Holdings
            .GroupBy(h => byId[h.CompanyId].Id)
            .Select(g => new HoldingScore(g.Key, g.Sum(h => h.Weight) / total, EsgScorer.Score(byId[g.Key], profile)))
            .ToList();

        double Weighted(Func<EsgScore, double> f) => holdings.Sum(h => h.Weight * f(h.Score));
        double overall = Weighted(s => s.Overall);
        var bySector = holdings.GroupBy(h => h.Score.Sector)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => SectorScore(g.ToList()));
        var distribution = EsgRating.Scale.ToDictionary(r => r.Code, r => holdings.Count(h => h.Score.Rating == r));
        return new PortfolioAnalysis(
            portfolio.Name, profile.Name, holdings,
            overall, Weighted(s => s.Environmental), Weighted(s => s.Social), Weighted(s => s.Governance),
            EsgRating.For(overall),
            holdings.Where(h => h.Score.Overall >= LeaderScore).OrderByDescending(h => h.Score.Overall).ToList(),
            holdings.Where(h => h.Score.Overall < LaggardScore).OrderBy(h => h.Score.Overall).ToList(),
            bySector, distribution);
    }
}
