namespace QuantumFlow.Models.Esg;

/// <summary>
/// A scoring method: component weights inside each pillar, pillar weights, intensity benchmarks and penalty rules.
/// <see cref="Original"/> keeps the formulas of seed spec 7.3 exactly, defects included, so its example scores still hold;
/// <see cref="Recommended"/> fixes those defects (docs/ESG.md explains each).
/// </summary>
public sealed record EsgProfile
{
    public required string Name { get; init; }
    public required string Description { get; init; }

    /// <summary>Weight of each component inside its pillar.</summary>
    public required IReadOnlyDictionary<EsgComponent, double> ComponentWeights { get; init; }

    /// <summary>Weights of E, S and G in the overall score.</summary>
    public required IReadOnlyDictionary<EsgPillar, double> PillarWeights { get; init; }

    public required IntensityBenchmark Co2Benchmark { get; init; }
    public required IntensityBenchmark WaterBenchmark { get; init; }

    /// <summary>Compliance component = 100 - min(cap, per-violation * violations).</summary>
    public required double PenaltyPerViolation { get; init; }
    public required double ViolationPenaltyCap { get; init; }

    /// <summary>
    /// Weight * penalty subtracted from E (the original profile) instead of a weighted compliance component: a
    /// subtraction outside the weights. Recommended profiles leave it at 0 and weigh <see cref="EsgComponent.Compliance"/> instead.
    /// </summary>
    public double ViolationPenaltyWeight { get; init; }

    /// <summary>
    /// True caps the CEO pay component at 100 like every other component; false (the original profile) lets it exceed
    /// 100 for ratios under 150 (a 95x ratio scores 118), so governance can exceed what its weights promise.
    /// </summary>
    public required bool CapCompensation { get; init; }

    /// <summary>Added to revenue in the intensity formulas: $1M in the original profile, so its numbers reproduce.</summary>
    public double RevenueOffset { get; init; }

    public static EsgProfile Original { get; } = new()
    {
        Name = "original",
        Description = "The seed dashboard's formulas, unchanged: E weights sum to 0.95 with a penalty subtracted, " +
                      "flat CO2 (500 t/$M) and water (1,000 m3/$M) benchmarks, CEO pay component uncapped.",
        ComponentWeights = new Dictionary<EsgComponent, double>
        {
            [EsgComponent.Co2] = 0.30, [EsgComponent.Water] = 0.20, [EsgComponent.Renewable] = 0.25,
            [EsgComponent.Recycling] = 0.20, [EsgComponent.Compliance] = 0,
            [EsgComponent.Satisfaction] = 0.25, [EsgComponent.Diversity] = 0.25, [EsgComponent.Safety] = 0.20,
            [EsgComponent.Community] = 0.15, [EsgComponent.SupplyChain] = 0.15,
            [EsgComponent.BoardIndependence] = 0.25, [EsgComponent.FemaleBoard] = 0.20, [EsgComponent.Compensation] = 0.20,
            [EsgComponent.Audit] = 0.20, [EsgComponent.ShareholderRights] = 0.15,
        },
        PillarWeights = new Dictionary<EsgPillar, double> { [EsgPillar.Environmental] = 0.35, [EsgPillar.Social] = 0.35, [EsgPillar.Governance] = 0.30 },
        Co2Benchmark = IntensityBenchmark.Flat(500),
        WaterBenchmark = IntensityBenchmark.Flat(1000),
        PenaltyPerViolation = 10,
        ViolationPenaltyCap = 50,
        ViolationPenaltyWeight = 0.05,
        CapCompensation = false,
        RevenueOffset = 1,
    };

    /// <summary>
    /// Illustrative sector benchmarks: roughly 3-5x a typical intensity of the sector, so a clean company in a heavy
    /// sector and a heavy company in a clean one both land mid-scale. Replace them with your own data source's figures.
    /// </summary>
    public static EsgProfile Recommended { get; } = Original with
    {
        Name = "recommended",
        Description = "Every pillar's weights sum to 1 (violations weigh a compliance component), sector-relative " +
                      "CO2 and water benchmarks, every component including CEO pay clamped to [0, 100].",
        ComponentWeights = new Dictionary<EsgComponent, double>(Original.ComponentWeights)
        {
            [EsgComponent.Co2] = 0.30, [EsgComponent.Water] = 0.20, [EsgComponent.Renewable] = 0.20,
            [EsgComponent.Recycling] = 0.15, [EsgComponent.Compliance] = 0.15,
        },
        Co2Benchmark = new IntensityBenchmark
        {
            Default = 5,
            BySector = new Dictionary<string, double>
            {
                ["Technology"] = 1, ["Financial Services"] = 1, ["Consumer Goods"] = 3, ["Energy"] = 10, ["Mining"] = 10,
            },
        },
        WaterBenchmark = new IntensityBenchmark
        {
            Default = 20,
            BySector = new Dictionary<string, double>
            {
                ["Technology"] = 2, ["Financial Services"] = 2, ["Consumer Goods"] = 10, ["Energy"] = 30, ["Mining"] = 50,
            },
        },
        PenaltyPerViolation = 20,
        ViolationPenaltyCap = 100,
        ViolationPenaltyWeight = 0,
        CapCompensation = true,
        RevenueOffset = 0,
    };

    public static IReadOnlyList<EsgProfile> All { get; } = [Original, Recommended];

    /// <returns>the profile of that name (case-insensitive), or null.</returns>
    public static EsgProfile? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name ?? Original.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Sum of the component weights of one pillar (1 in a consistent profile; 0.95 for the original E).</summary>
    public double WeightSum(EsgPillar pillar) => EsgComponents.Of(pillar).Sum(c => ComponentWeights.GetValueOrDefault(c));
}
