using System.Globalization;

namespace QuantumFlow.Models.Esg;

/// <summary>
/// The seed's static alert rules (no NLP): HIGH for carbon intensity over 2.5 t/$M, any environmental violation, more
/// than 5 safety incidents; MEDIUM for employee satisfaction under 70 and a CEO pay ratio over 200; LOW "opportunity"
/// for an overall score over 75. Sorted HIGH first, companies in input order within a severity.
/// </summary>
public static class EsgAlertRules
{
    public const double CarbonIntensityLimit = 2.5;
    public const int SafetyIncidentLimit = 5;
    public const double SatisfactionFloor = 70;
    public const double CeoPayRatioLimit = 200;
    public const double OpportunityScore = 75;

    public static class Categories
    {
        public const string Environmental = "Environmental";
        public const string Social = "Social";
        public const string Governance = "Governance";
        public const string Opportunity = "Opportunity";

        public static IReadOnlyList<string> All { get; } = [Environmental, Social, Governance, Opportunity];
    }

    public static IReadOnlyList<EsgAlert> Evaluate(IEnumerable<CompanyMetrics> companies, EsgProfile profile, DateTimeOffset asOf) =>
        companies.SelectMany(c => For(c, profile, asOf)).OrderBy(a => a.Severity).ToList();

    public static IEnumerable<EsgAlert> For(CompanyMetrics c, EsgProfile profile, DateTimeOffset asOf)
    {
        EsgAlert Alert(AlertSeverity severity, string category, string rule, string message, string action) =>
            new(asOf, c.Id, c.Name, severity, category, rule, message, action);

        if (c.CarbonIntensity > CarbonIntensityLimit)
            yield return Alert(AlertSeverity.High, Categories.Environmental, "carbon-intensity",
                $"Carbon intensity {F(c.CarbonIntensity)} t CO2 per $M revenue is above {F(CarbonIntensityLimit)}.",
                "Engage on a decarbonisation plan with interim targets; review the position size against carbon budgets.");
        if (c.EnvironmentalViolations > 0)
            yield return Alert(AlertSeverity.High, Categories.Environmental, "violations",
                $"{c.EnvironmentalViolations} environmental violation(s) reported.",
                "Ask for the remediation plan and the compliance controls that failed.");
        if (c.SafetyIncidents > SafetyIncidentLimit)
            yield return Alert(AlertSeverity.High, Categories.Social, "safety",
                $"{c.SafetyIncidents} safety incidents, above {SafetyIncidentLimit}.",
                "Request the safety audit and incident root-cause analyses.");
        if (c.EmployeeSatisfaction < SatisfactionFloor)
            yield return Alert(AlertSeverity.Medium, Categories.Social, "satisfaction",
                $"Employee satisfaction {F(c.EmployeeSatisfaction)} is below {F(SatisfactionFloor)}.",
                "Monitor staff turnover and engagement surveys.");
        if (c.CeoPayRatio > CeoPayRatioLimit)
            yield return Alert(AlertSeverity.Medium, Categories.Governance, "ceo-pay",
                $"CEO pay ratio {F(c.CeoPayRatio)}x is above {F(CeoPayRatioLimit)}x.",
                "Vote against the remuneration report unless pay is tied to long-term performance.");
        double overall = EsgScorer.Score(c, profile).Overall;
        if (overall > OpportunityScore)
            yield return Alert(AlertSeverity.Low, Categories.Opportunity, "opportunity",
                $"Overall ESG score {F(overall)} is above {F(OpportunityScore)} ({profile.Name} profile).",
                "Consider increasing the allocation: an ESG leader.");
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
