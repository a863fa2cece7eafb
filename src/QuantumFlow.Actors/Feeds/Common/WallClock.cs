namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>Receive timestamps: Unix nanoseconds, the clock every recorded and live event carries.</summary>
internal static class WallClock
{
    public static long NowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Milliseconds of a monotonic clock, for timeouts.</summary>
    public static long NowMs() => Environment.TickCount64;
}
