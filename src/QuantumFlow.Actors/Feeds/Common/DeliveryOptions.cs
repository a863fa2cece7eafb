namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>How a feed hands events to the books (see <see cref="IngestChannel"/>).</summary>
public sealed record DeliveryOptions
{
    /// <summary>Most events in one <see cref="Books.Ingest"/> batch.</summary>
    public int MaxBatch { get; init; } = 1000;
    /// <summary>Events a book may fall behind by before a live feed drops them (and a replay or simulation waits).</summary>
    public int MaxBacklog { get; init; } = 200_000;
    /// <summary>A batch not acknowledged within this time is sent again (the book skips events it already has).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
