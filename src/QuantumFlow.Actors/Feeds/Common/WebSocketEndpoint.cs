using System.Net.WebSockets;

namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>Where and how a <see cref="WebSocketConnection"/> connects.</summary>
public sealed record WebSocketEndpoint(Uri Uri, TimeSpan ConnectTimeout, TimeSpan IdleTimeout)
{
    /// <summary>Largest message accepted (Coinbase level2 snapshots of busy products run to megabytes).</summary>
    public int MaxMessageBytes { get; init; } = 64 << 20;

    /// <summary>Extra socket settings (headers, proxy); null for none.</summary>
    public Action<ClientWebSocketOptions>? Configure { get; init; }
}
