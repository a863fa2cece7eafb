using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuantumFlow.Actors.Tests.Feeds;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Tests.FakeExchange;

/// <summary>
/// A Coinbase Advanced Trade endpoint serving a real capture: after a level2 subscribe it sends an <c>l2_data</c>
/// snapshot of its own books at its current position, then the captured messages of the subscribed channels, with
/// <c>sequence_num</c> renumbered per connection from 0 as Coinbase does. A resubscribe gets a fresh snapshot.
/// Scripted faults: a disconnect that loses messages, and a skipped sequence_num whose message is lost.
/// </summary>
public sealed class FakeCoinbaseExchange : FakeExchangeHost
{
    private readonly List<(byte[] Data, string Channel, long ReceiveNs)> _messages = new();
    private readonly MarketDataSession _truth = new(Venue.CoinbaseAdvanced);
    private readonly object _lock = new();
    private int _position;
    private int _connections;

    public FakeCoinbaseExchange(string capture, IReadOnlyList<string> products)
    {
        using IRecordingReader reader = RecordingFormat.Open([capture]);
        while (reader.TryRead(out RecordedPayload p))
        {
            if (p.Kind != PayloadKind.Message) continue;
            // Every captured message goes through the exchange's own books, in order, so their sequence stays whole.
            bool synced = products.All(s => _truth.Books.TryGetValue(s, out IBookSync? b) && b.Book.State == BookState.Synced);
            if (!synced)
            {
                _truth.Process(p.Data, p.ReceiveTimeNs);
                continue;
            }
            using JsonDocument doc = JsonDocument.Parse(p.Data.ToArray());
            string channel = doc.RootElement.TryGetProperty("channel", out JsonElement c) ? c.GetString() ?? "" : "";
            _messages.Add((p.Data.ToArray(), channel, p.ReceiveTimeNs));
        }
    }

    public int MessageCount => _messages.Count;
    /// <summary>On the first connection, after this many messages: lose <see cref="LostOnDisconnect"/> messages and drop the connection.</summary>
    public int DisconnectAfter { get; init; } = -1;
    public int LostOnDisconnect { get; init; } = 20;
    /// <summary>On the second connection, after this many messages: lose the next l2_data update and skip its sequence_num.</summary>
    public int SkipSequenceAfter { get; init; } = -1;

    public int Connections => Volatile.Read(ref _connections);
    public int SnapshotsSent;
    public int SequencesSkipped;
    public List<string> Received { get; } = new();
    public int Position { get { lock (_lock) return _position; } }
    public bool AllSent => Position >= _messages.Count;

    public (Level[] Bids, Level[] Asks) Book(string product)
    {
        lock (_lock)
        {
            OrderBook b = _truth.Books[product].Book;
            return (ReplicaBooks.Levels(b.Bids), ReplicaBooks.Levels(b.Asks));
        }
    }

    protected override void Map(WebApplication app) => app.Map("/", Serve);

    private sealed class Subscriber
    {
        public readonly HashSet<string> Channels = new();
        public readonly Queue<string[]> Snapshots = new();
        public readonly SemaphoreSlim Wake = new(0);
    }

    private async Task Serve(HttpContext context)
    {
        if (!IsWebSocket(context))
        {
            context.Response.StatusCode = 400;
            return;
        }
        int connection = Interlocked.Increment(ref _connections);
        using WebSocket ws = await context.WebSockets.AcceptWebSocketAsync();
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(Stopping.Token);
        var sub = new Subscriber();
        Task reading = Read(ws, sub, gone);
        CancellationToken ct = gone.Token;
        long seq = 0;
        int sent = 0;
        bool skipped = false;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                string? text = null;
                bool worked = false;
                lock (_lock)
                {
                    if (sub.Snapshots.Count > 0)
                    {
                        text = SnapshotMessage(sub.Snapshots.Dequeue(), seq++);
                        SnapshotsSent++;
                        worked = true;
                    }
                    else if (sub.Channels.Contains("level2") && _position < _messages.Count)
                    {
                        worked = true;
                        if (connection == 1 && sent == DisconnectAfter)
                        {
                            for (int i = 0; i < LostOnDisconnect && _position < _messages.Count; i++) Advance();
                            ws.Abort();
                            return;
                        }
                        var m = _messages[_position];
                        if (connection == 2 && !skipped && SkipSequenceAfter >= 0 && sent >= SkipSequenceAfter && m.Channel == "l2_data")
                        {
                            Advance();
                            seq++;
                            skipped = true;
                            SequencesSkipped++;
                            continue;
                        }
                        Advance();
                        if (IsSubscribed(sub, m.Channel)) text = Renumber(m.Data, seq++);
                    }
                }
                if (text is not null)
                {
                    await ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);
                    sent++;
                }
                else if (!worked)
                {
                    await sub.Wake.WaitAsync(ct);
                }
            }
        }
        catch (Exception)
        {
            // client gone or host stopping
        }
        gone.Cancel();
        await reading;
    }

    private async Task Read(WebSocket ws, Subscriber sub, CancellationTokenSource gone)
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (!gone.IsCancellationRequested)
            {
                var r = await ws.ReceiveAsync(buffer, gone.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
                string text = Encoding.UTF8.GetString(buffer, 0, r.Count);
                JsonNode msg = JsonNode.Parse(text)!;
                string type = (string?)msg["type"] ?? "", channel = (string?)msg["channel"] ?? "";
                string[] products = msg["product_ids"]?.AsArray().Select(p => (string)p!).ToArray() ?? [];
                lock (_lock)
                {
                    Received.Add(text);
                    if (type == "subscribe")
                    {
                        sub.Channels.Add(channel);
                        if (channel == "level2") sub.Snapshots.Enqueue(products);
                    }
                    else if (type == "unsubscribe") sub.Channels.Remove(channel);
                }
                sub.Wake.Release();
            }
        }
        catch (Exception)
        {
            // client gone
        }
        gone.Cancel();
    }

    private static bool IsSubscribed(Subscriber sub, string channel) => channel switch
    {
        "l2_data" => sub.Channels.Contains("level2"),
        "market_trades" => sub.Channels.Contains("market_trades"),
        "heartbeats" => sub.Channels.Contains("heartbeats"),
        "subscriptions" => true,
        _ => false,
    };

    private void Advance()
    {
        var m = _messages[_position++];
        _truth.Process(m.Data, m.ReceiveNs);
    }

    private static string Renumber(byte[] data, long seq)
    {
        JsonNode node = JsonNode.Parse(data)!;
        node["sequence_num"] = seq;
        return node.ToJsonString();
    }

    private string SnapshotMessage(string[] products, long seq)
    {
        var events = new JsonArray();
        foreach (string product in products)
        {
            OrderBook b = _truth.Books[product].Book;
            var updates = new JsonArray();
            foreach ((BookSide side, string name) in new[] { (b.Bids, "bid"), (b.Asks, "offer") })
            {
                foreach (Level l in ReplicaBooks.Levels(side))
                {
                    updates.Add(new JsonObject
                    {
                        ["side"] = name,
                        ["event_time"] = "1970-01-01T00:00:00Z",
                        ["price_level"] = l.Price.ToString(),
                        ["new_quantity"] = l.Quantity.ToString(),
                    });
                }
            }
            events.Add(new JsonObject { ["type"] = "snapshot", ["product_id"] = product, ["updates"] = updates });
        }
        var message = new JsonObject
        {
            ["channel"] = "l2_data",
            ["client_id"] = "",
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["sequence_num"] = seq,
            ["events"] = events,
        };
        return message.ToJsonString();
    }
}
