using Akka.Actor;
using Akka.Pattern;

namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>
/// How a live feed keeps its connection: exponential back-off with jitter between attempts (so a venue outage does
/// not turn into a reconnect storm from every node at once), reset once a connection delivers data, and idle detection.
/// </summary>
public sealed record ReconnectOptions
{
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Each delay is stretched by a random 0..RandomFactor of itself.</summary>
    public double RandomFactor { get; init; } = 0.2;
    /// <summary>No message for this long means the connection is dead even if the socket says otherwise.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A back-off supervisor around <paramref name="connection"/>: the connection actor stops itself when the link
    /// dies (and any crash stops it too), and the supervisor starts a fresh one after the next delay.
    /// </summary>
    public Props SupervisorProps(Props connection, string childName) =>
        BackoffSupervisor.Props(
            Backoff.OnStop(connection, childName, MinBackoff, MaxBackoff, RandomFactor, maxNrOfRetries: -1)
                .WithManualReset()
                .WithDefaultStoppingStrategy());
}
