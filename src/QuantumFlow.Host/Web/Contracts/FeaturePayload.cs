namespace QuantumFlow.Host.Web.Contracts;

/// <summary>A few telling features of a book's latest vector (OFI, micro-price, imbalance, spread, volatility), by name.</summary>
public sealed record FeaturePayload(string Symbol, long Sequence, long TimeMs, IReadOnlyDictionary<string, double> Values);
