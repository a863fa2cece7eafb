namespace QuantumFlow.Host.Web.Contracts;

/// <summary>One model's probabilities and its ensemble weight.</summary>
public sealed record ModelPayload(string Name, string Version, double Weight, double Down, double Flat, double Up);
