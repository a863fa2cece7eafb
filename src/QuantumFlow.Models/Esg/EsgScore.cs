namespace QuantumFlow.Models.Esg;

/// <summary>One company scored under one profile: every component, the three pillars, the overall score and rating.</summary>
public sealed record EsgScore(
    string CompanyId,
    string CompanyName,
    string Sector,
    string Profile,
    IReadOnlyDictionary<EsgComponent, double> Components,
    double Environmental,
    double Social,
    double Governance,
    double Overall,
    EsgRating Rating)
{
    public double Pillar(EsgPillar pillar) => pillar switch
    {
        EsgPillar.Environmental => Environmental,
        EsgPillar.Social => Social,
        _ => Governance,
    };
}
