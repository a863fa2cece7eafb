namespace QuantumFlow.Actors.Inspection;

/// <summary>
/// The node's inspection host (<c>quantumflow pbm</c> talks to it). On by default and bound to loopback, so only
/// someone on the machine (or inside the pod) can reach it; commands that change the cluster also need <see cref="Token"/>.
/// </summary>
public sealed record InspectionOptions
{
    public const int DefaultPort = 9110;

    public bool Enabled { get; init; } = true;
    public string Host { get; init; } = "127.0.0.1";
    /// <summary>0: any free port (tests; the bound port is on <see cref="Server.InspectionHost"/>).</summary>
    public int Port { get; init; } = DefaultPort;
    /// <summary>Needed by commands that change the cluster; none configured: those commands are refused.</summary>
    public string? Token { get; init; }
}
