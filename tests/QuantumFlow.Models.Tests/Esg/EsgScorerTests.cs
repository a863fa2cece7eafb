using QuantumFlow.Models.Esg;

namespace QuantumFlow.Models.Tests.Esg;

public sealed class EsgScorerTests
{
    // The seed spec's hand-checked table (section 7.3): E, S, G, overall, rating under the original formulas.
    [Theory]
    [InlineData("techcorp", 85.22, 72.55, 92.00, 82.82, "AAA")]
    [InlineData("energymax", 63.54, 54.37, 71.50, 62.72, "A")]
    [InlineData("greenbank", 90.72, 75.95, 97.27, 87.52, "AAA")]
    [InlineData("mineralco", 57.65, 44.63, 62.88, 54.67, "BBB")]
    [InlineData("consumergoods", 75.18, 65.27, 83.93, 74.34, "AA")]
    public void Original_profile_reproduces_the_spec_table(string id, double e, double s, double g, double overall, string rating)
    {
        EsgScore score = EsgScorer.Score(ExampleCompanies.Get(id), EsgProfile.Original);
        Assert.Equal(e, Math.Round(score.Environmental, 2, MidpointRounding.AwayFromZero));
        Assert.Equal(s, Math.Round(score.Social, 2, MidpointRounding.AwayFromZero));
        Assert.Equal(g, Math.Round(score.Governance, 2, MidpointRounding.AwayFromZero));
        Assert.Equal(overall, Math.Round(score.Overall, 2, MidpointRounding.AwayFromZero));
        Assert.Equal(rating, score.Rating.Code);
    }

    [Fact]
    public void Original_keeps_its_defects_the_uncapped_ceo_pay_and_the_loose_benchmarks()
    {
        EsgScore greenBank = EsgScorer.Score(ExampleCompanies.Get("greenbank"), EsgProfile.Original);
        // 95x pay: 100 - 50 * (95 - 150) / 150 = 118.33, above 100 as in the seed.
        Assert.Equal(118.33, Math.Round(greenBank.Components[EsgComponent.Compensation], 2));
        foreach (CompanyMetrics c in ExampleCompanies.All)
        {
            EsgScore score = EsgScorer.Score(c, EsgProfile.Original);
            Assert.InRange(score.Components[EsgComponent.Co2], 99, 100);
            Assert.InRange(score.Components[EsgComponent.Water], 98, 100);
        }
        Assert.Equal(0.95, EsgProfile.Original.WeightSum(EsgPillar.Environmental), 10);
    }

    [Fact]
    public void Recommended_profile_weights_sum_to_one_and_caps_every_component()
    {
        EsgProfile p = EsgProfile.Recommended;
        foreach (EsgPillar pillar in Enum.GetValues<EsgPillar>()) Assert.Equal(1.0, p.WeightSum(pillar), 10);
        Assert.Equal(1.0, p.PillarWeights.Values.Sum(), 10);
        Assert.Equal(0, p.ViolationPenaltyWeight);

        EsgScore greenBank = EsgScorer.Score(ExampleCompanies.Get("greenbank"), p);
        Assert.Equal(100, greenBank.Components[EsgComponent.Compensation]);
        foreach (CompanyMetrics c in ExampleCompanies.All)
        foreach ((EsgComponent component, double value) in EsgScorer.Score(c, p).Components)
            Assert.True(value is >= 0 and <= 100, $"{c.Id} {component} = {value}");
    }

    [Fact]
    public void Recommended_benchmarks_are_sector_relative_and_spread_the_intensity_scores()
    {
        EsgProfile p = EsgProfile.Recommended;
        double Co2(string id) => EsgScorer.Score(ExampleCompanies.Get(id), p).Components[EsgComponent.Co2];
        // MineralCo emits 4 t/$M against the mining benchmark of 10: 60; TechCorp 0.3 t/$M against 1: 70.
        Assert.Equal(60, Co2("mineralco"), 6);
        Assert.Equal(70, Co2("techcorp"), 6);
        // A sector not listed takes the default benchmark, and the lookup ignores case.
        Assert.Equal(5, p.Co2Benchmark.For("Utilities"));
        Assert.Equal(10, p.Co2Benchmark.For("mining"));
        // The original squeezes every company into 99-100; the recommended spreads them by at least 10 points.
        double[] spread = ExampleCompanies.All.Select(c => EsgScorer.Score(c, p).Components[EsgComponent.Co2]).ToArray();
        Assert.True(spread.Max() - spread.Min() >= 10, string.Join(", ", spread));
    }

    [Fact]
    public void A_custom_benchmark_is_used_for_its_sector()
    {
        EsgProfile strict = EsgProfile.Recommended with
        {
            Co2Benchmark = new IntensityBenchmark { Default = 5, BySector = new Dictionary<string, double> { ["Technology"] = 0.6 } },
        };
        // 15,000 t / 50,000 $M = 0.3 t/$M, half the benchmark: 50.
        Assert.Equal(50, EsgScorer.Score(ExampleCompanies.Get("techcorp"), strict).Components[EsgComponent.Co2], 6);
    }

    [Fact]
    public void Extreme_inputs_are_clamped_to_the_scale()
    {
        CompanyMetrics worst = ExampleCompanies.Get("mineralco") with
        {
            Revenue = 0, Co2Emissions = 1e9, WaterUsage = 1e9, EnvironmentalViolations = 1000, SafetyIncidents = 1000,
            CeoPayRatio = 10_000, RenewableEnergy = 0, RecyclingRate = 0, EmployeeSatisfaction = 0, DiversityScore = 0,
            CommunityInvestment = 0, SupplyChainEthics = 0, BoardIndependence = 0, FemaleBoard = 0, AuditScore = 0, ShareholderRights = 0,
        };
        CompanyMetrics best = ExampleCompanies.Get("greenbank") with
        {
            Co2Emissions = 0, WaterUsage = 0, CommunityInvestment = 1e6, CeoPayRatio = 0, FemaleBoard = 100,
            RenewableEnergy = 100, RecyclingRate = 100, EmployeeSatisfaction = 100, DiversityScore = 100, SupplyChainEthics = 100,
            BoardIndependence = 100, AuditScore = 100, ShareholderRights = 100, SafetyIncidents = 0, EnvironmentalViolations = 0,
        };
        foreach (EsgProfile p in EsgProfile.All)
        {
            EsgScore low = EsgScorer.Score(worst, p), high = EsgScorer.Score(best, p);
            Assert.Equal(0, low.Environmental);
            Assert.Equal(0, low.Social);
            Assert.Equal(0, low.Governance);
            Assert.Equal("B", low.Rating.Code);
            Assert.All(low.Components.Values, v => Assert.InRange(v, 0, 100));
            Assert.InRange(high.Governance, 0, 100);
            Assert.InRange(high.Overall, 0, 100);
            Assert.Equal("AAA", high.Rating.Code);
        }
        Assert.Equal(100, EsgScorer.Score(best, EsgProfile.Recommended).Overall, 6);
    }

    [Theory]
    [InlineData(80, "AAA", "Leader", "#00A86B")]
    [InlineData(79.999, "AA", "Advanced", "#50C878")]
    [InlineData(60, "A", "Good", "#90EE90")]
    [InlineData(50, "BBB", "Average", "#FFD700")]
    [InlineData(40, "BB", "Below Average", "#FFA500")]
    [InlineData(39.99, "B", "Laggard", "#FF6347")]
    [InlineData(0, "B", "Laggard", "#FF6347")]
    public void Rating_bands_follow_the_scale(double score, string code, string label, string colour)
    {
        EsgRating r = EsgRating.For(score);
        Assert.Equal((code, label, colour), (r.Code, r.Label, r.Colour));
    }
}
