using Microsoft.AspNetCore.SignalR;
using QuantumFlow.Host.Web.Market;

namespace QuantumFlow.Host.Web.Hubs;

/// <summary>
/// /hubs/market: a client subscribes to symbols (entity ids such as "binance-usdm:BTCUSDT", or "*" for all) and
/// receives book, trades, prediction, features, paper, arbitrage and status updates at most
/// <see cref="WebOptions.PushRatePerSecond"/> times a second per symbol and kind (see <see cref="PushThrottle"/>).
/// </summary>
public sealed class MarketHub(PushThrottle throttle, MarketState market) : Hub
{
    public const string Path = "/hubs/market";
    /// <summary>More would only let one client make the throttle's per-client state large.</summary>
    public const int MaxSymbolsPerCall = 200;
    /// <summary>
    /// Symbols one connection may hold in all: calls of <see cref="MaxSymbolsPerCall"/> each would otherwise grow a
    /// connection's state without end ("*" covers every symbol at the cost of one).
    /// </summary>
    public const int MaxSymbolsPerConnection = 1000;

    /// <summary>Adds symbols; returns the symbols the host knows now, and sends the latest of each at once.</summary>
    /// <exception cref="HubException">more than <see cref="MaxSymbolsPerCall"/> symbols, or an empty or overlong name.</exception>
    public IReadOnlyList<string> Subscribe(string[] symbols)
    {
        Check(symbols);
        if (!throttle.TrySubscribe(Context.ConnectionId, symbols ?? [], MaxSymbolsPerConnection, out int held))
            throw new HubException($"at most {MaxSymbolsPerConnection} symbols per connection ({held} with these); unsubscribe some, or subscribe to \"*\"");
        bool all = symbols?.Contains(PushThrottle.AllSymbols) == true;
        foreach (SymbolState s in market.Symbols.Where(s => all || symbols?.Contains(s.EntityId) == true))
        {
            foreach (var (kind, payload) in market.Latest(s)) throttle.OfferTo(Context.ConnectionId, s.EntityId, kind, payload);
        }
        return market.Symbols.Select(s => s.EntityId).ToList();
    }

    public void Unsubscribe(string[] symbols)
    {
        Check(symbols);
        throttle.Unsubscribe(Context.ConnectionId, symbols ?? []);
    }

    private static void Check(string[]? symbols)
    {
        if (symbols is null) return;
        if (symbols.Length > MaxSymbolsPerCall) throw new HubException($"at most {MaxSymbolsPerCall} symbols per call, not {symbols.Length}");
        // An index, not the element: a null element would read as "none found".
        int bad = Array.FindIndex(symbols, s => string.IsNullOrWhiteSpace(s) || s.Length > 100);
        if (bad >= 0)
            throw new HubException($"{(symbols[bad] is null ? "null" : $"'{symbols[bad]}'")} (item {bad + 1}) is not a symbol: use entity ids such as binance-usdm:BTCUSDT, or \"*\" for all");
    }

    /// <summary>The symbols the host has seen outputs for (from every node of the cluster).</summary>
    public IReadOnlyList<string> Symbols() => market.Symbols.Select(s => s.EntityId).ToList();

    public override Task OnConnectedAsync()
    {
        throttle.Connect(Context.ConnectionId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        throttle.Disconnect(Context.ConnectionId);
        return Task.CompletedTask;
    }
}
