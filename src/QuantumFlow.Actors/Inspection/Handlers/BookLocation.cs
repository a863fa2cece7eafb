namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>A live book entity: which node hosts it, in which shard.</summary>
public sealed record BookLocation(string EntityId, string Node, string Shard);
