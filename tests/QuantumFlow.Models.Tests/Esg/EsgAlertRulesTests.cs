using QuantumFlow.Models.Esg;

namespace QuantumFlow.Models.Tests.Esg;

public sealed class EsgAlertRulesTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_example_companies_give_the_eleven_documented_alerts()
    {
        IReadOnlyList<EsgAlert> alerts = EsgAlertRules.Evaluate(ExampleCompanies.All, EsgProfile.Original, AsOf);
        Assert.Equal(11, alerts.Count);
        string Split(string id) => string.Join(" ", alerts.Where(a => a.CompanyId == id).Select(a => $"{a.Severity}:{a.Rule}"));
        Assert.Equal("Low:opportunity", Split("techcorp"));
        Assert.Equal("High:violations High:safety Medium:satisfaction", Split("energymax"));
        Assert.Equal("Low:opportunity", Split("greenbank"));
        Assert.Equal("High:carbon-intensity High:violations High:safety Medium:satisfaction Medium:ceo-pay", Split("mineralco"));
        Assert.Equal("High:violations", Split("consumergoods"));
        Assert.Equal((6, 3, 2), (alerts.Count(a => a.Severity == AlertSeverity.High), alerts.Count(a => a.Severity == AlertSeverity.Medium),
            alerts.Count(a => a.Severity == AlertSeverity.Low)));
    }

    [Fact]
    public void Alerts_are_sorted_by_severity_and_carry_message_action_and_time()
    {
        IReadOnlyList<EsgAlert> alerts = EsgAlertRules.Evaluate(ExampleCompanies.All, EsgProfile.Original, AsOf);
        Assert.Equal(alerts.OrderBy(a => a.Severity).Select(a => a.Severity), alerts.Select(a => a.Severity));
        Assert.Equal(AlertSeverity.High, alerts[0].Severity);
        EsgAlert carbon = alerts.Single(a => a.Rule == "carbon-intensity");
        Assert.Equal("Environmental", carbon.Category);
        Assert.Contains("4 t CO2 per $M", carbon.Message);
        Assert.False(string.IsNullOrWhiteSpace(carbon.RecommendedAction));
        Assert.All(alerts, a => Assert.Equal(AsOf, a.Timestamp));
        Assert.All(alerts, a => Assert.Contains(a.Category, EsgAlertRules.Categories.All));
    }

    [Fact]
    public void Thresholds_are_strict()
    {
        CompanyMetrics edge = ExampleCompanies.Get("techcorp") with
        {
            Co2Emissions = 2.5 * 50_000, EnvironmentalViolations = 0, SafetyIncidents = 5, EmployeeSatisfaction = 70, CeoPayRatio = 200,
        };
        Assert.DoesNotContain(EsgAlertRules.For(edge, EsgProfile.Original, AsOf), a => a.Severity != AlertSeverity.Low);
        CompanyMetrics over = edge with { Co2Emissions = 2.51 * 50_000, SafetyIncidents = 6, EmployeeSatisfaction = 69.9, CeoPayRatio = 201 };
        Assert.Equal(["carbon-intensity", "safety", "satisfaction", "ceo-pay"],
            EsgAlertRules.For(over, EsgProfile.Original, AsOf).Where(a => a.Severity != AlertSeverity.Low).Select(a => a.Rule));
    }
}
