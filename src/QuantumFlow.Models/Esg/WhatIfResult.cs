namespace QuantumFlow.Models.Esg;

/// <summary>A scenario's outcome: the scores before and after, the deltas, whether the rating moved, and a one-line insight.</summary>
public sealed record WhatIfResult(
    WhatIfScenario Scenario,
    CompanyMetrics Adjusted,
    EsgScore Baseline,
    EsgScore Projected,
    double OverallDelta,
    double EnvironmentalDelta,
    double SocialDelta,
    double GovernanceDelta,
    bool RatingChanged,
    string Insight);
