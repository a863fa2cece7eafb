using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Models.Simulation;

namespace QuantumFlow.Actors.Feeds.Simulated;

/// <summary>A simulated venue (docs/SIMULATOR.md): which symbols, which seed, how fast.</summary>
public sealed record SimulatedFeedOptions(IReadOnlyList<string> Symbols)
{
    public long Seed { get; init; } = 1;
    /// <summary>Model events emitted per second of wall time, over all symbols.</summary>
    public double EventsPerSecond { get; init; } = 1000;
    /// <summary>Stop after this many model events; the default runs forever.</summary>
    public long MaxEvents { get; init; } = long.MaxValue;
    public QueueReactiveParameters Parameters { get; init; } = new();
    /// <summary>How often the feed wakes to emit what is due; events between wakes go out together.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(10);
    public DeliveryOptions Delivery { get; init; } = new();
}
