using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>Asks any feed actor for its <see cref="FeedStatus"/>.</summary>
public sealed record GetFeedStatus
{
    public static readonly GetFeedStatus Instance = new();
}

/// <summary>What an operator needs to know about one feed: is it connected, is data flowing, are the books keeping up.</summary>
public sealed record FeedStatus(
    Venue Venue,
    FeedState State,
    long FeedRun,
    int Connects,
    int Reconnects,
    long Messages,
    long BadMessages,
    long SnapshotsFetched,
    long Resends,
    string? LastError,
    IReadOnlyList<BookBacklog> Books);

/// <summary>One book's delivery from a feed: events waiting, whether a batch awaits its ack, events dropped on overflow.</summary>
public sealed record BookBacklog(string EntityId, int Backlog, bool InFlight, long Dropped);
