namespace QuantumFlow.Host.Web.Contracts;

/// <summary>Cluster, feed and book status as the host last polled it (also the body of /ready).</summary>
public sealed record StatusPayload(
    DateTimeOffset At,
    bool Ready,
    IReadOnlyList<string> Problems,
    string SelfAddress,
    string SelfStatus,
    IReadOnlyList<MemberPayload> Members,
    IReadOnlyList<FeedPayload> Feeds,
    IReadOnlyList<BookStatusPayload> Books);

public sealed record MemberPayload(string Address, string Status, IReadOnlyList<string> Roles);

public sealed record FeedPayload(string Name, string? Venue, string State, long Messages, long BadMessages, int Reconnects, long Resends, string? LastError);

public sealed record BookStatusPayload(string Symbol, string Node, string State, bool Valid, long EventsJournaled, double JournalRate, int Resyncs, int? Backlog, string? LastProblem);
