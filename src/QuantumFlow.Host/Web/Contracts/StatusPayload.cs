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
