using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuantumFlow.Actors.Tests.Feeds;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Tests.FakeExchange;

/// <summary>
/// A Binance (futures or spot) endpoint serving a real recording: the combined stream at /stream over WebSocket, in
/// recorded order, and the REST depth snapshot at /fapi/v1/depth (/api/v3/depth, /dapi/v1/depth). The exchange keeps
/// its own book (<see cref="MarketDataSession"/>) at its current position in the recording, so a snapshot taken "now"
/// describes exactly the state after the messages it has produced so far, sent or lost. Scripted faults: refused
/// connections, a disconnect that loses messages, a diff that is never sent.
/// </summary>
public sealed class FakeBinanceExchange : FakeExchangeHost
{
    private readonly List<(byte[] Data, bool IsDiff, long ReceiveNs)> _messages = new();
    private readonly MarketDataSession _truth;
    private readonly string _symbol;
    private readonly object _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _position;
    private int _connections;

    public FakeBinanceExchange(IReadOnlyList<string> recording, string symbol, int maxMessages = int.MaxValue)
    {
        _symbol = symbol;
        using IRecordingReader reader = RecordingFormat.Open(recording);
        Venue = reader.Venue;
        _truth = new MarketDataSession(Venue);
        // Pre-roll until the exchange's own book is synced past its snapshot: from there it can always serve a snapshot.
        while (reader.TryRead(out RecordedPayload p))
        {
            if (p.Kind == PayloadKind.Connected) continue;
            bool synced = _truth.Books.TryGetValue(symbol, out IBookSync? b) && b.CanCheckpoint;
            if (!synced || p.Kind == PayloadKind.RestSnapshot)
            {
                _truth.Process(p.Data, p.ReceiveTimeNs, symbol);
                continue;
            }
            if (_messages.Count >= maxMessages) break;
            _messages.Add((p.Data.ToArray(), p.Data.IndexOf("\"depthUpdate\""u8) >= 0, p.ReceiveTimeNs));
        }
    }

    public Venue Venue { get; }
    public int MessageCount => _messages.Count;

    /// <summary>Upgrade attempts to refuse with 503 before accepting one.</summary>
    public int RefuseFirst { get; init; }
    /// <summary>On the first connection, after this many messages: lose <see cref="LostOnDisconnect"/> messages and drop the connection.</summary>
    public int DisconnectAfter { get; init; } = -1;
    public int LostOnDisconnect { get; init; } = 50;
    /// <summary>
    /// On the second connection, after this many messages and once a snapshot has been served since it opened: never
    /// send the next depth diff. The dropped diff then always comes after the client's snapshot, so a synced book must
    /// see the gap; before, a snapshot served late (a loaded machine) could cover it and no resync was due.
    /// </summary>
    public int DropDiffAfter { get; init; } = -1;

    public List<TimeSpan> Attempts { get; } = new();
    public int Connections => Volatile.Read(ref _connections);
    public int SnapshotsServed;
    public int DiffsDropped;
    public int Position { get { lock (_lock) return _position; } }
    public bool AllSent => Position >= _messages.Count;

    /// <summary>The exchange's own book now: the book a correct client must end with.</summary>
    public (Level[] Bids, Level[] Asks, long LastUpdateId) Book()
    {
        lock (_lock)
        {
            OrderBook b = _truth.Books[_symbol].Book;
            return (ReplicaBooks.Levels(b.Bids), ReplicaBooks.Levels(b.Asks), b.LastUpdateId);
        }
    }

    protected override void Map(WebApplication app)
    {
        app.Map("/stream", Stream);
        foreach (string path in new[] { "/fapi/v1/depth", "/api/v3/depth", "/dapi/v1/depth" }) app.MapGet(path, Depth);
    }

    private async Task Stream(HttpContext context)
    {
        lock (Attempts) Attempts.Add(_clock.Elapsed);
        string streams = context.Request.Query["streams"].ToString();
        if (!streams.Contains($"{_symbol.ToLowerInvariant()}@depth", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 400;
            return;
        }
        int attempt;
        lock (Attempts) attempt = Attempts.Count;
        if (!IsWebSocket(context) || attempt <= RefuseFirst)
        {
            context.Response.StatusCode = 503;
            return;
        }
        int connection = Interlocked.Increment(ref _connections);
        int snapshotsBefore;
        lock (_lock) snapshotsBefore = SnapshotsServed;
        using WebSocket ws = await context.WebSockets.AcceptWebSocketAsync();
        CancellationToken ct = Stopping.Token;
        int sent = 0;
        bool dropped = false;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                byte[] data;
                lock (_lock)
                {
                    if (_position >= _messages.Count) break;
                    if (connection == 1 && sent == DisconnectAfter)
                    {
                        for (int i = 0; i < LostOnDisconnect && _position < _messages.Count; i++) Advance();
                        ws.Abort();
                        return;
                    }
                    if (connection == 2 && !dropped && DropDiffAfter >= 0 && sent >= DropDiffAfter && SnapshotsServed > snapshotsBefore
                        && _messages[_position].IsDiff)
                    {
                        Advance();
                        DiffsDropped++;
                        dropped = true;
                        continue;
                    }
                    data = Advance();
                }
                await ws.SendAsync(data, WebSocketMessageType.Text, true, ct);
                sent++;
            }
        }
        catch (Exception)
        {
            return; // the client went away, or the host is stopping
        }
        await HoldOpen(ws, ct);
    }

    private byte[] Advance()
    {
        var m = _messages[_position++];
        _truth.Process(m.Data, m.ReceiveNs);
        return m.Data;
    }

    private IResult Depth(HttpContext context)
    {
        string symbol = context.Request.Query["symbol"].ToString();
        if (symbol != _symbol) return Results.BadRequest(new { code = -1121, msg = "Invalid symbol." });
        var json = new StringBuilder();
        lock (_lock)
        {
            SnapshotsServed++; // under the lock the stream reads it under: a drop that sees this count comes after this snapshot
            OrderBook b = _truth.Books[_symbol].Book;
            long ms = b.ExchangeTimeNs / 1_000_000;
            json.Append(CultureInfo.InvariantCulture, $"{{\"lastUpdateId\":{b.LastUpdateId},\"E\":{ms},\"T\":{ms},\"bids\":[");
            AppendLevels(json, b.Bids);
            json.Append("],\"asks\":[");
            AppendLevels(json, b.Asks);
            json.Append("]}");
        }
        return Results.Text(json.ToString(), "application/json");
    }

    private static void AppendLevels(StringBuilder json, BookSide side)
    {
        Level[] levels = ReplicaBooks.Levels(side);
        for (int i = 0; i < levels.Length; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("[\"").Append(levels[i].Price.ToString()).Append("\",\"").Append(levels[i].Quantity.ToString()).Append("\"]");
        }
    }
}
