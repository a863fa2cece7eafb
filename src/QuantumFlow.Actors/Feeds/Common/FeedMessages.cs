using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>Asks any feed actor for its <see cref="FeedStatus"/> (also from another node: `pbm feed status` asks every feed of the cluster).</summary>
public sealed record GetFeedStatus : IQuantumFlowMessage
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
    IReadOnlyList<BookBacklog> Books) : IQuantumFlowMessage
{
    /// <summary>Where a replay is: its pass and the payloads its books had journaled when it last saved its position; null for other feeds.</summary>
    public string? Position { get; init; }
}

/// <summary>One book's delivery from a feed: events waiting, whether a batch awaits its ack, events dropped on overflow.</summary>
public sealed record BookBacklog(string EntityId, int Backlog, bool InFlight, long Dropped)
{
    /// <summary>Events of this feed run numbered for the book so far (sent, in flight or waiting).</summary>
    public long Events { get; init; }
    /// <summary>Events of this feed run the book acknowledged, that is journaled.</summary>
    public long Acknowledged { get; init; }
}
