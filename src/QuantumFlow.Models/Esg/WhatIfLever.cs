namespace QuantumFlow.Models.Esg;

/// <summary>One what-if slider: the field it moves, its documented range and step (seed spec 7.3), and its unit.</summary>
public sealed record WhatIfLever(string Field, string Label, double Min, double Max, double Step, string Unit)
{
    // Ranges from the seed's what-if simulator.
    public static WhatIfLever Co2 { get; } = new("co2", "CO2 emissions", -50, 50, 5, "%");
    public static WhatIfLever Renewable { get; } = new("renewable", "Renewable energy", -30, 30, 5, "pp");
    public static WhatIfLever Recycling { get; } = new("recycling", "Recycling rate", -30, 30, 5, "pp");
    public static WhatIfLever Satisfaction { get; } = new("satisfaction", "Employee satisfaction", -20, 20, 2, "points");
    public static WhatIfLever Diversity { get; } = new("diversity", "Diversity score", -20, 20, 2, "points");
    public static WhatIfLever FemaleBoard { get; } = new("femaleBoard", "Female board share", -20, 20, 2, "pp");

    public static IReadOnlyList<WhatIfLever> All { get; } = [Co2, Renewable, Recycling, Satisfaction, Diversity, FemaleBoard];
}
