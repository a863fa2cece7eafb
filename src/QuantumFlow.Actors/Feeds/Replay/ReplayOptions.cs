using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Replay;

/// <summary>A recorded session replayed as if live (files in order, as <see cref="Models.Recording.RecordingFormat.Open"/> takes them).</summary>
public sealed record ReplayOptions(IReadOnlyList<string> Paths)
{
    /// <summary>Unknown: detected from the recording.</summary>
    public Venue Venue { get; init; } = Venue.Unknown;
    /// <summary>1 = real time by the recorded receive times, N = N times faster, 0 or infinity = as fast as the books take it.</summary>
    public double Speed { get; init; } = 1;
    /// <summary>Start again at the end, as a new connection and a new feed run.</summary>
    public bool Loop { get; init; }
    /// <summary>Replay at most this many payloads of each pass (a slice of the session).</summary>
    public long MaxPayloads { get; init; } = long.MaxValue;
    /// <summary>Payloads read ahead of the books by the background reader.</summary>
    public int ReadAhead { get; init; } = 4096;
    public DeliveryOptions Delivery { get; init; } = new();

    public static ReplayOptions AsFastAsPossible(params string[] paths) => new(paths) { Speed = double.PositiveInfinity };
}
