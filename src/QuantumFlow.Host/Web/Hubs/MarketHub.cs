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

    /// <summary>Adds symbols; returns the symbols the host knows now, and sends the latest of each at once.</summary>
    public IReadOnlyList<string> Subscribe(string[] symbols)
    {
        throttle.Subscribe(Context.ConnectionId, symbols ?? []);
        bool all = symbols?.Contains(PushThrottle.AllSymbols) == true;
        foreach (SymbolState s in market.Symbols.Where(s => all || symbols?.Contains(s.EntityId) == true))
        {
            foreach (var (kind, payload) in market.Latest(s)) throttle.OfferTo(Context.ConnectionId, s.EntityId, kind, payload);
        }
        return market.Symbols.Select(s => s.EntityId).ToList();
    }

    public void Unsubscribe(string[] symbols) => throttle.Unsubscribe(Context.ConnectionId, symbols ?? []);

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
