using System.Text.Json.Serialization;

namespace QuantumFlow.Models.Esg;

/// <summary>The fifteen 0-100 components (five per pillar); the scorecard's radar chart has one axis per component.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EsgComponent>))]
public enum EsgComponent
{
    Co2,
    Water,
    Renewable,
    Recycling,
    Compliance,
    Satisfaction,
    Diversity,
    Safety,
    Community,
    SupplyChain,
    BoardIndependence,
    FemaleBoard,
    Compensation,
    Audit,
    ShareholderRights,
}

/// <summary>Which pillar each component belongs to.</summary>
public static class EsgComponents
{
    public static IReadOnlyList<EsgComponent> All { get; } = Enum.GetValues<EsgComponent>();

    public static EsgPillar PillarOf(EsgComponent component) => component switch
    {
        <= EsgComponent.Compliance => EsgPillar.Environmental,
        <= EsgComponent.SupplyChain => EsgPillar.Social,
        _ => EsgPillar.Governance,
    };

    public static IEnumerable<EsgComponent> Of(EsgPillar pillar) => All.Where(c => PillarOf(c) == pillar);
}
