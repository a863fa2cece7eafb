using System.Text.Json.Serialization;

namespace QuantumFlow.Models.Esg;

/// <summary>
/// One company's reported ESG inputs. Money is in millions of US dollars (revenue, market cap, community investment);
/// percentages and 0-100 scores are plain numbers in [0, 100]; CO2 in tonnes, water in cubic metres per year.
/// </summary>
public sealed record CompanyMetrics
{
    /// <summary>Short stable key that portfolios and the API use ("techcorp").</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Sector { get; init; }

    public double Revenue { get; init; }
    public double MarketCap { get; init; }

    public double Co2Emissions { get; init; }
    public double WaterUsage { get; init; }
    public double RenewableEnergy { get; init; }
    public double RecyclingRate { get; init; }
    public int EnvironmentalViolations { get; init; }

    public double EmployeeSatisfaction { get; init; }
    public double DiversityScore { get; init; }
    public int SafetyIncidents { get; init; }
    public double CommunityInvestment { get; init; }
    public double SupplyChainEthics { get; init; }

    public double BoardIndependence { get; init; }
    public double FemaleBoard { get; init; }
    public double CeoPayRatio { get; init; }
    public double AuditScore { get; init; }
    public double ShareholderRights { get; init; }

    /// <summary>Tonnes of CO2 per $M of revenue, the figure the carbon alert and the sector benchmarks speak about.</summary>
    [JsonIgnore]
    public double CarbonIntensity => PerRevenue(Co2Emissions, Revenue);

    /// <summary>Cubic metres of water per $M of revenue.</summary>
    [JsonIgnore]
    public double WaterIntensity => PerRevenue(WaterUsage, Revenue);

    /// <summary>An amount per $M of revenue; with no revenue, any amount is infinitely intensive (and scores 0).</summary>
    public static double PerRevenue(double amount, double revenue) =>
        revenue > 0 ? amount / revenue : amount > 0 ? double.PositiveInfinity : 0;
}
