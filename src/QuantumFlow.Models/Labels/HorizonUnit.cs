namespace QuantumFlow.Models.Labels;

public enum HorizonUnit : byte
{
    /// <summary>h observed points later (the seed: h snapshots).</summary>
    Events = 0,
    /// <summary>The mid in force h milliseconds later (the last point at or before t + h).</summary>
    Milliseconds,
}
