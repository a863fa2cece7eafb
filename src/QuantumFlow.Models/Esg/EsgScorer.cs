namespace QuantumFlow.Models.Esg;

/// <summary>Scores a company under a profile (formulas: docs/ESG.md, from the seed spec section 7.3).</summary>
public static class EsgScorer
{
    public static EsgScore Score(CompanyMetrics c, EsgProfile profile)
    {
        var components = new Dictionary<EsgComponent, double>(EsgComponents.All.Count);
        foreach (EsgComponent component in EsgComponents.All)
            components[component] = Component(component, c, profile);

        double e = Pillar(EsgPillar.Environmental, components, profile)
                   - profile.ViolationPenaltyWeight * ViolationPenalty(c, profile);
        double s = Pillar(EsgPillar.Social, components, profile);
        double g = Pillar(EsgPillar.Governance, components, profile);
        // Every score is 0-100, whatever the profile: an uncapped CEO pay component can lift G, never past 100.
        e = Clamp(e);
        s = Clamp(s);
        g = Clamp(g);
        double overall = profile.PillarWeights[EsgPillar.Environmental] * e
                         + profile.PillarWeights[EsgPillar.Social] * s
                         + profile.PillarWeights[EsgPillar.Governance] * g;
        overall = Clamp(overall);
        return new EsgScore(c.Id, c.Name, c.Sector, profile.Name, components, e, s, g, overall, EsgRating.For(overall));
    }

    public static double Component(EsgComponent component, CompanyMetrics c, EsgProfile p)
    {
        double revenue = c.Revenue + p.RevenueOffset;
        double value = component switch
        {
            EsgComponent.Co2 => 100 - 100 * CompanyMetrics.PerRevenue(c.Co2Emissions, revenue) / p.Co2Benchmark.For(c.Sector),
            EsgComponent.Water => 100 - 100 * CompanyMetrics.PerRevenue(c.WaterUsage, revenue) / p.WaterBenchmark.For(c.Sector),
            EsgComponent.Renewable => c.RenewableEnergy,
            EsgComponent.Recycling => c.RecyclingRate,
            EsgComponent.Compliance => 100 - ViolationPenalty(c, p),
            EsgComponent.Satisfaction => c.EmployeeSatisfaction,
            EsgComponent.Diversity => c.DiversityScore,
            EsgComponent.Safety => 100 - 5.0 * c.SafetyIncidents,
            // Community investment of 2% of revenue or more scores 100.
            EsgComponent.Community => 5000 * CompanyMetrics.PerRevenue(c.CommunityInvestment, revenue),
            EsgComponent.SupplyChain => c.SupplyChainEthics,
            EsgComponent.BoardIndependence => c.BoardIndependence,
            // Parity (50% women) scores 100.
            EsgComponent.FemaleBoard => 2 * c.FemaleBoard,
            // 150x scores 100, 300x scores 50, 450x and above 0.
            EsgComponent.Compensation => 100 - 50 * (c.CeoPayRatio - 150) / 150,
            EsgComponent.Audit => c.AuditScore,
            EsgComponent.ShareholderRights => c.ShareholderRights,
            _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
        };
        return component == EsgComponent.Compensation && !p.CapCompensation ? Math.Max(0, value) : Clamp(value);
    }

    private static double ViolationPenalty(CompanyMetrics c, EsgProfile p) =>
        Math.Min(p.ViolationPenaltyCap, p.PenaltyPerViolation * c.EnvironmentalViolations);

    private static double Pillar(EsgPillar pillar, Dictionary<EsgComponent, double> components, EsgProfile p) =>
        EsgComponents.Of(pillar).Sum(c => p.ComponentWeights.GetValueOrDefault(c) * components[c]);

    public static double Clamp(double value) => double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 100);
}
