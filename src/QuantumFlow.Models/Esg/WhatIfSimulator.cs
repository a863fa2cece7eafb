namespace QuantumFlow.Models.Esg;

/// <summary>Applies a <see cref="WhatIfScenario"/> to a company and rescores it.</summary>
public static class WhatIfSimulator
{
    /// <exception cref="EsgDataException">a change lies outside its lever's range (or is not a number).</exception>
    public static WhatIfResult Simulate(CompanyMetrics company, WhatIfScenario scenario, EsgProfile profile)
    {
        var errors = WhatIfLever.All
            .Where(l => scenario.Value(l) is var v && !(v >= l.Min && v <= l.Max))
            .Select(l => new EsgDataError("what-if", company.Id, l.Field, $"{scenario.Value(l)} is outside {l.Min}..{l.Max} {l.Unit}"))
            .ToList();
        if (errors.Count > 0) throw new EsgDataException(errors);

        CompanyMetrics adjusted = company with
        {
            Co2Emissions = Math.Max(0, company.Co2Emissions * (1 + scenario.Co2 / 100)),
            RenewableEnergy = EsgScorer.Clamp(company.RenewableEnergy + scenario.Renewable),
            RecyclingRate = EsgScorer.Clamp(company.RecyclingRate + scenario.Recycling),
            EmployeeSatisfaction = EsgScorer.Clamp(company.EmployeeSatisfaction + scenario.Satisfaction),
            DiversityScore = EsgScorer.Clamp(company.DiversityScore + scenario.Diversity),
            FemaleBoard = EsgScorer.Clamp(company.FemaleBoard + scenario.FemaleBoard),
        };
        EsgScore before = EsgScorer.Score(company, profile), after = EsgScorer.Score(adjusted, profile);
        double delta = after.Overall - before.Overall;
        return new WhatIfResult(scenario, adjusted, before, after, delta,
            after.Environmental - before.Environmental, after.Social - before.Social, after.Governance - before.Governance,
            after.Rating != before.Rating, Insight(delta));
    }

    /// <summary>The seed's insight thresholds: beyond 5 points either way is significant.</summary>
    public static string Insight(double overallDelta) => overallDelta switch
    {
        > 5 => "Significant improvement: these changes would lift the ESG score by more than 5 points.",
        > 0 => "Modest improvement: the changes lift the score a little.",
        < -5 => "Significant decline: these changes would cut the ESG score by more than 5 points.",
        < 0 => "Slight decline: the changes lower the score a little.",
        _ => "No change to the overall score.",
    };
}
