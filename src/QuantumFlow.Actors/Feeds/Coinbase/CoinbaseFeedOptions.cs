using System.Text.Json;
using QuantumFlow.Actors.Feeds.Common;

namespace QuantumFlow.Actors.Feeds.Coinbase;

/// <summary>One Coinbase Advanced Trade connection for some products: level2, and optionally market_trades and heartbeats.</summary>
public sealed record CoinbaseFeedOptions
{
    public CoinbaseFeedOptions(IReadOnlyList<string> productIds)
    {
        if (productIds.Count == 0) throw new ArgumentException("at least one product", nameof(productIds));
        ProductIds = productIds.ToArray();
    }

    public IReadOnlyList<string> ProductIds { get; }
    public Uri Endpoint { get; init; } = new("wss://advanced-trade-ws.coinbase.com");
    /// <summary>
    /// Optional: the public channels need no authentication. When set, it is sent with every subscribe message
    /// (Coinbase JWTs expire after two minutes, so a long-lived feed gives a fresh one through a new options record).
    /// </summary>
    public string? Jwt { get; init; }
    public bool Trades { get; init; } = true;
    /// <summary>Heartbeats keep quiet products' channels open (Coinbase closes them after 60-90 s without updates) and feed the idle check.</summary>
    public bool Heartbeats { get; init; } = true;
    /// <summary>Books asking for a resync within this window share one unsubscribe + subscribe.</summary>
    public TimeSpan ResubscribeDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public ReconnectOptions Reconnect { get; init; } = new();
    public DeliveryOptions Delivery { get; init; } = new();

    /// <summary>{"type":"subscribe","product_ids":[...],"channel":"level2"[,"jwt":"..."]}</summary>
    public string Message(string type, string channel, IEnumerable<string> productIds)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteStartArray("product_ids");
            foreach (string p in productIds) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteString("channel", channel);
            if (Jwt is not null) w.WriteString("jwt", Jwt);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
