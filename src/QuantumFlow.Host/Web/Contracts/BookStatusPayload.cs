namespace QuantumFlow.Host.Web.Contracts;

/// <summary>One book of the cluster: where it lives, its state, journal count and rate, resyncs, feed backlog.</summary>
public sealed record BookStatusPayload(string Symbol, string Node, string State, bool Valid, long EventsJournaled, double JournalRate, int Resyncs, int? Backlog, string? LastProblem);
