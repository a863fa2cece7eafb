namespace QuantumFlow.Inspection;

/// <summary>
/// The node's inspection host (<c>quantumflow pbm</c> talks to it). On by default and bound to loopback, so only
/// someone on the machine (or inside the pod) can reach it; commands that change the cluster also need <see cref="Token"/>.
/// </summary>
public sealed record InspectionOptions
{
    public const int DefaultPort = 9110;

    public bool Enabled { get; init; } = true;
    public string Host { get; init; } = "127.0.0.1";
    /// <summary>0: any free port (tests; the bound port is on the server's InspectionHost).</summary>
    public int Port { get; init; } = DefaultPort;
    /// <summary>Needed by commands that change the cluster; none configured: those commands are refused.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// A client must send its first request this soon after connecting (`pbm` connects when it has one to send), so
    /// connections opened and left silent cannot hold the server's slots.
    /// </summary>
    public TimeSpan HelloDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection with no command running and no request for this long is closed (an idle prompt reconnects).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
