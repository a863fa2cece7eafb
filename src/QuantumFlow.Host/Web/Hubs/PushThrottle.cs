using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Host.Web.Market;

namespace QuantumFlow.Host.Web.Hubs;

/// <summary>
/// Fans the node's single output stream out to hub clients: every client has one slot per (symbol, kind) that holds
/// only the latest unsent value, and a tick (<see cref="WebOptions.PushRatePerSecond"/>) sends what changed. A client
/// whose previous sends have not completed is skipped for that tick, so a slow browser only sees fewer, fresher
/// values: nothing queues behind it and nothing upstream waits.
/// </summary>
public sealed class PushThrottle(IHubContext<MarketHub> hub, WebOptions options) : BackgroundService, IPushSink
{
    public const string AllSymbols = "*";
    private readonly ConcurrentDictionary<string, Client> _clients = new(StringComparer.Ordinal);
    private long _sent;
    private long _replaced;

    public int Clients => _clients.Count;
    /// <summary>Messages handed to SignalR.</summary>
    public long Sent => Interlocked.Read(ref _sent);
    /// <summary>Values overwritten before they were sent (latest wins).</summary>
    public long Replaced => Interlocked.Read(ref _replaced);

    public void Connect(string connectionId) => _clients.TryAdd(connectionId, new Client(connectionId));

    public void Disconnect(string connectionId) => _clients.TryRemove(connectionId, out _);

    public void Subscribe(string connectionId, IEnumerable<string> symbols) => TrySubscribe(connectionId, symbols, int.MaxValue, out _);

    /// <summary>Adds the symbols unless the connection would then hold more than <paramref name="cap"/>; all or none.</summary>
    /// <param name="held">the symbols the connection holds afterwards (or would have held, when refused).</param>
    public bool TrySubscribe(string connectionId, IEnumerable<string> symbols, int cap, out int held)
    {
        Client c = _clients.GetOrAdd(connectionId, id => new Client(id));
        lock (c)
        {
            string[] added = symbols.Where(s => !string.IsNullOrWhiteSpace(s) && !c.Symbols.Contains(s)).Distinct(StringComparer.Ordinal).ToArray();
            held = c.Symbols.Count + added.Length;
            if (held > cap) return false;
            c.Symbols.UnionWith(added);
            return true;
        }
    }

    public void Unsubscribe(string connectionId, IEnumerable<string> symbols)
    {
        if (!_clients.TryGetValue(connectionId, out Client? c)) return;
        lock (c)
        {
            foreach (string s in symbols)
            {
                c.Symbols.Remove(s);
                foreach (var key in c.Pending.Keys.Where(k => k.Symbol == s).ToList()) c.Pending.Remove(key);
            }
        }
    }

    /// <summary>Queues a value for one client only (the latest state when it subscribes).</summary>
    public void OfferTo(string connectionId, string symbol, string kind, object payload)
    {
        if (!_clients.TryGetValue(connectionId, out Client? c)) return;
        lock (c) c.Pending[(symbol, kind)] = payload;
    }

    /// <summary>Status goes to every client; the rest to clients subscribed to the symbol (or to "*").</summary>
    public void Offer(string symbol, string kind, object payload)
    {
        foreach (Client c in _clients.Values)
        {
            lock (c)
            {
                if (kind != PushKinds.Status && !c.Symbols.Contains(symbol) && !c.Symbols.Contains(AllSymbols)) continue;
                if (c.Pending.ContainsKey((symbol, kind))) Interlocked.Increment(ref _replaced);
                c.Pending[(symbol, kind)] = payload;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Math.Max(0.1, options.PushRatePerSecond)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (Client c in _clients.Values)
                {
                    if (c.InFlight is { IsCompleted: false }) continue;
                    List<KeyValuePair<(string Symbol, string Kind), object>> batch;
                    lock (c)
                    {
                        if (c.Pending.Count == 0) continue;
                        batch = c.Pending.ToList();
                        c.Pending.Clear();
                    }
                    c.InFlight = SendAsync(c.Id, batch);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(string connectionId, List<KeyValuePair<(string Symbol, string Kind), object>> batch)
    {
        IClientProxy client = hub.Clients.Client(connectionId);
        foreach (var item in batch)
        {
            try
            {
                await client.SendAsync(item.Key.Kind, item.Value);
                Interlocked.Increment(ref _sent);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
            {
                return; // the connection went away; OnDisconnected removes it
            }
        }
    }

    private sealed class Client(string id)
    {
        public string Id { get; } = id;
        public HashSet<string> Symbols { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string Symbol, string Kind), object> Pending { get; } = new();
        public Task? InFlight { get; set; }
    }
}
