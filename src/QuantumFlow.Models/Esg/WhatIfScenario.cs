namespace QuantumFlow.Models.Esg;

/// <summary>
/// Changes to try on one company: CO2 by a percentage of today's emissions, the others by points (pp for shares).
/// Each must lie within its <see cref="WhatIfLever"/> range; the changed inputs are clamped to [0, 100].
/// </summary>
public sealed record WhatIfScenario
{
    public double Co2 { get; init; }
    public double Renewable { get; init; }
    public double Recycling { get; init; }
    public double Satisfaction { get; init; }
    public double Diversity { get; init; }
    public double FemaleBoard { get; init; }

    public double Value(WhatIfLever lever) => lever.Field switch
    {
        "co2" => Co2,
        "renewable" => Renewable,
        "recycling" => Recycling,
        "satisfaction" => Satisfaction,
        "diversity" => Diversity,
        "femaleBoard" => FemaleBoard,
        _ => throw new ArgumentOutOfRangeException(nameof(lever), lever.Field, null),
    };
}
