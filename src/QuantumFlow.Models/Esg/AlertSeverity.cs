using System.Text.Json.Serialization;

namespace QuantumFlow.Models.Esg;

/// <summary>Alert severities, most urgent first (alerts sort in this order).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    High,
    Medium,
    Low,
}
