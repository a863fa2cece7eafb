namespace QuantumFlow.Host.Web.Contracts;

/// <summary>One feed of this node: its state and counters.</summary>
public sealed record FeedPayload(string Name, string? Venue, string State, long Messages, long BadMessages, int Reconnects, long Resends, string? LastError);
