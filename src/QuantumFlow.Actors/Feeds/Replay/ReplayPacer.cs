namespace QuantumFlow.Actors.Feeds.Replay;

/// <summary>
/// When a recorded payload is due in a replay: its recorded receive time, measured from the first payload's and
/// divided by the speed, after the replay's start on a monotonic clock. Pure, given the clock readings.
/// </summary>
public sealed class ReplayPacer
{
    private long _firstRecordedNs = long.MinValue;
    private long _startTicks;

    /// <param name="speed">1 = real time, N = N times faster; 0 or infinity = as fast as possible.</param>
    public ReplayPacer(double speed)
    {
        if (double.IsNaN(speed) || speed < 0) throw new ArgumentOutOfRangeException(nameof(speed), "speed must be positive, or 0 / infinity for as fast as possible");
        Speed = speed;
    }

    public double Speed { get; }
    public bool IsUnpaced => Speed == 0 || double.IsPositiveInfinity(Speed);

    /// <summary>Forgets the start: the next payload seen starts the clock (a new loop).</summary>
    public void Restart() => _firstRecordedNs = long.MinValue;

    /// <summary>How long to wait before delivering the payload recorded at <paramref name="recordedNs"/>; zero or less means now.</summary>
    /// <param name="nowTicks">A <see cref="System.Diagnostics.Stopwatch"/> reading.</param>
    public TimeSpan Delay(long recordedNs, long nowTicks)
    {
        if (IsUnpaced) return TimeSpan.Zero;
        if (_firstRecordedNs == long.MinValue)
        {
            _firstRecordedNs = recordedNs;
            _startTicks = nowTicks;
            return TimeSpan.Zero;
        }
        // Recordings are in receive order, but merged files may step back a little: never wait for the past.
        double dueSeconds = Math.Max(0, recordedNs - _firstRecordedNs) / 1e9 / Speed;
        double elapsed = (nowTicks - _startTicks) / (double)System.Diagnostics.Stopwatch.Frequency;
        return TimeSpan.FromSeconds(dueSeconds - elapsed);
    }
}
