using QuantumFlow.Models.Esg;

namespace QuantumFlow.Models.Tests.Esg;

public sealed class PortfolioAnalyzerTests
{
    [Fact]
    public void The_shipped_portfolio_gives_the_spec_figures()
    {
        EsgPortfolio portfolio = PortfolioFile.Load(ExampleCompanies.Path("portfolio.json"), ExampleCompanies.All);
        PortfolioAnalysis a = PortfolioAnalyzer.Analyze(portfolio, ExampleCompanies.All, EsgProfile.Original);
        Assert.Equal(72.41, Math.Round(a.WeightedScore, 2));
        Assert.Equal(["greenbank", "techcorp", "consumergoods"], a.Leaders.Select(h => h.CompanyId));
        Assert.Empty(a.Laggards);
        Assert.Equal("AA", a.Rating.Code);
        Assert.Equal(5, a.Holdings.Count);
        Assert.All(a.Holdings, h => Assert.Equal(0.2, h.Weight, 12));
        Assert.Equal([2, 1, 1, 1, 0, 0], EsgRating.Scale.Select(r => a.RatingDistribution[r.Code]));
        Assert.Equal(5, a.ScoreBySector.Count);
        Assert.Equal(54.67, Math.Round(a.ScoreBySector["Mining"], 2));
    }

    [Fact]
    public void Weights_are_normalised_and_sectors_are_weighted_averages()
    {
        CompanyMetrics[] companies =
        [
            ExampleCompanies.Get("techcorp"),
            ExampleCompanies.Get("greenbank") with { Id = "bank2", Sector = "Technology" },
            ExampleCompanies.Get("mineralco"),
        ];
        var portfolio = new EsgPortfolio("p", [new Holding("techcorp", 30), new Holding("bank2", 10), new Holding("mineralco", 60)]);
        PortfolioAnalysis a = PortfolioAnalyzer.Analyze(portfolio, companies, EsgProfile.Original);
        double tech = EsgScorer.Score(companies[0], EsgProfile.Original).Overall;
        double bank = EsgScorer.Score(companies[1], EsgProfile.Original).Overall;
        double mining = EsgScorer.Score(companies[2], EsgProfile.Original).Overall;
        Assert.Equal(0.3 * tech + 0.1 * bank + 0.6 * mining, a.WeightedScore, 9);
        Assert.Equal((0.3 * tech + 0.1 * bank) / 0.4, a.ScoreBySector["Technology"], 9);
        Assert.Equal(1.0, a.Holdings.Sum(h => h.Weight), 12);
    }

    [Fact]
    public void A_laggard_is_listed_and_an_unknown_company_is_rejected()
    {
        CompanyMetrics poor = ExampleCompanies.Get("mineralco") with { Id = "poor", EmployeeSatisfaction = 0, DiversityScore = 0, SafetyIncidents = 20 };
        PortfolioAnalysis a = PortfolioAnalyzer.Analyze(new EsgPortfolio("p", [new Holding("poor", 1)]), [poor], EsgProfile.Original);
        Assert.Equal("poor", Assert.Single(a.Laggards).CompanyId);

        var e = Assert.Throws<EsgDataException>(() =>
            PortfolioAnalyzer.Analyze(new EsgPortfolio("p", [new Holding("nobody", 1)]), ExampleCompanies.All, EsgProfile.Original));
        Assert.Contains(e.Errors, x => x.Field == "company" && x.Message.Contains("nobody"));
    }
}
