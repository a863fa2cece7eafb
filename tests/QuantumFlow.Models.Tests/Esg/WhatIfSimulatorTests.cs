using QuantumFlow.Models.Esg;

namespace QuantumFlow.Models.Tests.Esg;

public sealed class WhatIfSimulatorTests
{
    [Fact]
    public void No_change_gives_zero_deltas_and_the_same_rating()
    {
        WhatIfResult r = WhatIfSimulator.Simulate(ExampleCompanies.Get("techcorp"), new WhatIfScenario(), EsgProfile.Original);
        Assert.Equal(0, r.OverallDelta);
        Assert.False(r.RatingChanged);
        Assert.Equal(82.82, Math.Round(r.Baseline.Overall, 2));
        Assert.StartsWith("No change", r.Insight);
    }

    [Fact]
    public void Raising_renewables_and_satisfaction_moves_e_and_s_by_their_weights()
    {
        CompanyMetrics energy = ExampleCompanies.Get("energymax");
        WhatIfResult r = WhatIfSimulator.Simulate(energy, new WhatIfScenario { Renewable = 30, Satisfaction = 20 }, EsgProfile.Original);
        Assert.Equal(0.25 * 30, r.EnvironmentalDelta, 9);
        Assert.Equal(0.25 * 20, r.SocialDelta, 9);
        Assert.Equal(0, r.GovernanceDelta);
        Assert.Equal(0.35 * 7.5 + 0.35 * 5, r.OverallDelta, 9);
        Assert.StartsWith("Modest", r.Insight);
        // 62.72 + 4.375 = 67.10: still A.
        Assert.False(r.RatingChanged);
        Assert.Equal(55, r.Adjusted.RenewableEnergy);
    }

    [Fact]
    public void A_big_enough_change_flips_the_rating_and_results_stay_on_the_scale()
    {
        CompanyMetrics consumer = ExampleCompanies.Get("consumergoods");
        WhatIfResult up = WhatIfSimulator.Simulate(consumer,
            new WhatIfScenario { Renewable = 30, Recycling = 30, Satisfaction = 20, Diversity = 20, FemaleBoard = 20 }, EsgProfile.Original);
        Assert.True(up.RatingChanged);
        Assert.Equal("AAA", up.Projected.Rating.Code);
        Assert.StartsWith("Significant improvement", up.Insight);
        Assert.Equal(85, up.Adjusted.RenewableEnergy);

        CompanyMetrics green = ExampleCompanies.Get("greenbank");
        WhatIfResult capped = WhatIfSimulator.Simulate(green, new WhatIfScenario { Renewable = 30, FemaleBoard = 20 }, EsgProfile.Original);
        Assert.Equal(100, capped.Adjusted.RenewableEnergy);
        Assert.Equal(68, capped.Adjusted.FemaleBoard);
        Assert.InRange(capped.Projected.Environmental, 0, 100);
    }

    [Theory]
    [InlineData(-55, 0)]
    [InlineData(0, 31)]
    [InlineData(double.NaN, 0)]
    public void Changes_outside_the_documented_ranges_are_rejected(double co2, double renewable)
    {
        var e = Assert.Throws<EsgDataException>(() =>
            WhatIfSimulator.Simulate(ExampleCompanies.Get("techcorp"), new WhatIfScenario { Co2 = co2, Renewable = renewable }, EsgProfile.Original));
        Assert.Single(e.Errors);
        Assert.Equal(co2 != 0 ? "co2" : "renewable", e.Errors[0].Field);
    }

    // Property: over many random companies and scenarios, cutting CO2 never lowers E, and raising any of the other
    // levers never lowers its pillar; under both profiles.
    [Fact]
    public void Less_co2_never_lowers_e_and_more_of_a_good_never_lowers_its_pillar()
    {
        var random = new Random(20261127);
        for (int i = 0; i < 2000; i++)
        {
            CompanyMetrics c = RandomCompany(random);
            EsgProfile profile = EsgProfile.All[i % 2];
            WhatIfScenario a = RandomScenario(random);
            foreach (WhatIfLever lever in WhatIfLever.All)
            {
                // b differs from a only in this lever, moved by one or more steps towards "better".
                double steps = random.Next(1, 5) * lever.Step;
                double sign = lever == WhatIfLever.Co2 ? -1 : 1;
                double moved = Math.Clamp(a.Value(lever) + sign * steps, lever.Min, lever.Max);
                WhatIfScenario b = With(a, lever, moved);
                WhatIfResult ra = WhatIfSimulator.Simulate(c, a, profile), rb = WhatIfSimulator.Simulate(c, b, profile);
                EsgPillar pillar = lever == WhatIfLever.FemaleBoard ? EsgPillar.Governance
                    : lever == WhatIfLever.Satisfaction || lever == WhatIfLever.Diversity ? EsgPillar.Social
                    : EsgPillar.Environmental;
                Assert.True(rb.Projected.Pillar(pillar) >= ra.Projected.Pillar(pillar) - 1e-9,
                    $"{profile.Name} {c.Id} {lever.Field} {a.Value(lever)} -> {moved}: {pillar} {ra.Projected.Pillar(pillar)} -> {rb.Projected.Pillar(pillar)}");
                Assert.True(rb.Projected.Overall >= ra.Projected.Overall - 1e-9);
                Assert.InRange(rb.Projected.Overall, 0, 100);
            }
        }
    }

    private static WhatIfScenario With(WhatIfScenario s, WhatIfLever lever, double v) => lever.Field switch
    {
        "co2" => s with { Co2 = v },
        "renewable" => s with { Renewable = v },
        "recycling" => s with { Recycling = v },
        "satisfaction" => s with { Satisfaction = v },
        "diversity" => s with { Diversity = v },
        _ => s with { FemaleBoard = v },
    };

    private static WhatIfScenario RandomScenario(Random r)
    {
        double Pick(WhatIfLever l) => l.Min + r.Next(0, (int)((l.Max - l.Min) / l.Step) + 1) * l.Step;
        return new WhatIfScenario
        {
            Co2 = Pick(WhatIfLever.Co2), Renewable = Pick(WhatIfLever.Renewable), Recycling = Pick(WhatIfLever.Recycling),
            Satisfaction = Pick(WhatIfLever.Satisfaction), Diversity = Pick(WhatIfLever.Diversity), FemaleBoard = Pick(WhatIfLever.FemaleBoard),
        };
    }

    private static CompanyMetrics RandomCompany(Random r)
    {
        double Pct() => Math.Round(r.NextDouble() * 100, 1);
        string[] sectors = ["Technology", "Energy", "Mining", "Utilities", "Financial Services"];
        double revenue = r.Next(0, 4) == 0 ? 0 : r.NextDouble() * 100_000;
        return new CompanyMetrics
        {
            Id = $"c{r.Next()}", Name = "Random", Sector = sectors[r.Next(sectors.Length)],
            Revenue = revenue, MarketCap = r.NextDouble() * 200_000,
            // Intensities from clean to far beyond any benchmark.
            Co2Emissions = revenue * r.NextDouble() * 20, WaterUsage = revenue * r.NextDouble() * 100,
            RenewableEnergy = Pct(), RecyclingRate = Pct(), EnvironmentalViolations = r.Next(0, 8),
            EmployeeSatisfaction = Pct(), DiversityScore = Pct(), SafetyIncidents = r.Next(0, 25),
            CommunityInvestment = r.NextDouble() * 3000, SupplyChainEthics = Pct(),
            BoardIndependence = Pct(), FemaleBoard = Pct(), CeoPayRatio = r.NextDouble() * 600, AuditScore = Pct(), ShareholderRights = Pct(),
        };
    }
}
