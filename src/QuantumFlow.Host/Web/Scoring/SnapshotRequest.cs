namespace QuantumFlow.Host.Web.Scoring;

/// <summary>
/// The body of POST /api/predict: a symbol the node serves and a caller's order-book snapshot, each level
/// <c>[price, size]</c>, best first or in any order.
/// </summary>
public sealed record SnapshotRequest(string? Symbol, decimal[][]? Bids, decimal[][]? Asks);
