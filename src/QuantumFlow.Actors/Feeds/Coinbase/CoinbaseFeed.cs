using Akka.Actor;
using Akka.Event;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Coinbase;

/// <summary>
/// A live Coinbase Advanced Trade feed. Subscribing to level2 makes Coinbase send a snapshot, then updates; so when a
/// book needs a resync (a sequence_num gap invalidates every book of the connection) the feed unsubscribes and
/// subscribes that book's products again, once for a burst of requests, and the new snapshot rebuilds the book.
/// </summary>
public sealed class CoinbaseFeed : WebSocketFeedActor
{
    private readonly CoinbaseFeedOptions _options;
    private readonly SortedSet<string> _resubscribe = new(StringComparer.Ordinal);

    public CoinbaseFeed(CoinbaseFeedOptions options, IActorRef books)
        : base(Venue.CoinbaseAdvanced, books, options.Delivery, options.Reconnect, options.Endpoint)
    {
        _options = options;
        Receive<SnapshotNeeded>(n =>
        {
            if (!_options.ProductIds.Contains(n.Symbol))
            {
                Log.Warning("resync asked for {0}, which this feed does not carry", n.Symbol);
                return;
            }
            if (_resubscribe.Add(n.Symbol) && _resubscribe.Count == 1)
                Timers.StartSingleTimer(nameof(Resubscribe), Resubscribe.Instance, _options.ResubscribeDelay);
        });
        Receive<Resubscribe>(_ => OnResubscribe());
    }

    public static Props Props(CoinbaseFeedOptions options, IActorRef books) =>
        Akka.Actor.Props.Create(() => new CoinbaseFeed(options, books));

    protected override void OnOpened()
    {
        // A new connection subscribes everything anyway: pending resubscriptions are moot.
        _resubscribe.Clear();
        Timers.Cancel(nameof(Resubscribe));
        Connection.Tell(new SendText(_options.Message("subscribe", "level2", _options.ProductIds)));
        if (_options.Trades) Connection.Tell(new SendText(_options.Message("subscribe", "market_trades", _options.ProductIds)));
        if (_options.Heartbeats) Connection.Tell(new SendText(_options.Message("subscribe", "heartbeats", _options.ProductIds)));
    }

    private void OnResubscribe()
    {
        if (_resubscribe.Count == 0) return;
        if (State != FeedState.Streaming)
        {
            _resubscribe.Clear(); // the next connection subscribes afresh
            return;
        }
        string[] products = _resubscribe.ToArray();
        _resubscribe.Clear();
        Log.Info("resubscribing level2 for {0} to get fresh snapshots", string.Join(",", products));
        Connection.Tell(new SendText(_options.Message("unsubscribe", "level2", products)));
        Connection.Tell(new SendText(_options.Message("subscribe", "level2", products)));
        Pipeline.SnapshotsFetched += products.Length;
    }

    private sealed record Resubscribe
    {
        public static readonly Resubscribe Instance = new();
    }
}
