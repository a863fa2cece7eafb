using System.Text.Json.Serialization;

namespace QuantumFlow.Models.Esg;

/// <summary>The three pillars of an ESG score.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EsgPillar>))]
public enum EsgPillar
{
    Environmental,
    Social,
    Governance,
}
