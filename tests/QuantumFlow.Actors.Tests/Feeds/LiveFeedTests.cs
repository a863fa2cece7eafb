using Akka.Actor;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Binance;
using QuantumFlow.Actors.Feeds.Coinbase;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Tests.FakeExchange;
using QuantumFlow.Models.Market;
using Xunit.Abstractions;

namespace QuantumFlow.Actors.Tests.Feeds;

/// <summary>
/// Live feeds against a local fake exchange that serves real recordings with a disconnect and a sequence gap in the
/// middle: the books must resync and end exactly equal to the exchange's own book.
/// </summary>
public class LiveFeedTests(ITestOutputHelper output) : TestKit("akka.loglevel = INFO", output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static ReconnectOptions FastReconnect => new()
    {
        MinBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromSeconds(2),
        IdleTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Binance_futures_feed_resyncs_after_a_disconnect_and_a_dropped_diff_and_ends_with_the_exchange_book()
    {
        await using var exchange = new FakeBinanceExchange(TestRecordings.UsdmSession, "BTCUSDT")
        {
            DisconnectAfter = 4000,
            LostOnDisconnect = 60,
            DropDiffAfter = 4000,
        };
        await exchange.StartAsync();
        IActorRef books = Sys.ActorOf(ReplicaBooks.Props(), "books");
        var options = new BinanceFeedOptions(Venue.BinanceUsdm, ["BTCUSDT"])
        {
            StreamBase = exchange.WsBase,
            RestBase = exchange.HttpBase,
            DepthStream = "depth@0ms",
            SnapshotMinInterval = TimeSpan.FromMilliseconds(50),
            Reconnect = FastReconnect,
            Delivery = new DeliveryOptions { AckTimeout = TimeSpan.FromSeconds(2) },
        };
        IActorRef feed = Sys.ActorOf(BinanceFeed.Props(options, books), "binance-usdm");
        string id = BookId.Of(Venue.BinanceUsdm, "BTCUSDT");

        await AwaitConditionAsync(() => Task.FromResult(exchange.AllSent), Patience, TimeSpan.FromMilliseconds(100));
        ReplicaBooks.ReplicaView view = await AwaitBookEquals(books, id, () => { var b = exchange.Book(); return (b.Bids, b.Asks); });

        FeedStatus status = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
        Output!.WriteLine($"exchange: {exchange.MessageCount} messages, {exchange.Connections} connections, {exchange.SnapshotsServed} snapshots, {exchange.DiffsDropped} diffs dropped");
        Output!.WriteLine($"feed: {status with { Books = [] }}; books: {string.Join(", ", status.Books)}");
        Output!.WriteLine($"book: resyncs {view.Resyncs}, last problem '{view.LastProblem}', {view.Events} events in {view.Batches} batches, " +
                         $"tickers {view.TickerMatches} matched / {view.TickerMismatches} not");
        Assert.Equal(2, exchange.Connections);
        Assert.Equal(1, exchange.DiffsDropped);
        // The abrupt disconnect (TCP reset) may discard data the client had not read yet, so whether the book was
        // synced at that moment depends on timing; the dropped diff on the second connection always breaks a synced book.
        Assert.True(view.Resyncs >= 1, $"the dropped diff should resync the book ({view.Resyncs})");
        Assert.True(exchange.SnapshotsServed >= 3, $"{exchange.SnapshotsServed} snapshots");
        Assert.Equal(FeedState.Streaming, status.State);
        Assert.Equal(1, status.Reconnects);
        Assert.Equal(0, status.BadMessages);
        Assert.True(view.IsValid);
        Assert.Equal(exchange.Book().LastUpdateId, view.LastUpdateId);
        Assert.Equal(0, view.TickerMismatches);
        Assert.True(view.TickerMatchesSinceLastResync > 50, $"bookTicker checks after the last resync: {view.TickerMatchesSinceLastResync}");
    }

    [Fact]
    public async Task Coinbase_feed_resubscribes_after_a_disconnect_and_a_sequence_gap_and_ends_with_the_exchange_books()
    {
        string[] products = ["BTC-USD", "ETH-USD"];
        await using var exchange = new FakeCoinbaseExchange(TestRecordings.CoinbaseCapture, products)
        {
            DisconnectAfter = 250,
            LostOnDisconnect = 20,
            SkipSequenceAfter = 200,
        };
        await exchange.StartAsync();
        IActorRef books = Sys.ActorOf(ReplicaBooks.Props(), "books");
        var options = new CoinbaseFeedOptions(products)
        {
            Endpoint = exchange.WsBase,
            Reconnect = FastReconnect,
            ResubscribeDelay = TimeSpan.FromMilliseconds(100),
        };
        IActorRef feed = Sys.ActorOf(CoinbaseFeed.Props(options, books), "coinbase");

        await AwaitConditionAsync(() => Task.FromResult(exchange.AllSent), Patience, TimeSpan.FromMilliseconds(100));
        var views = new List<ReplicaBooks.ReplicaView>();
        foreach (string product in products)
            views.Add(await AwaitBookEquals(books, BookId.Of(Venue.CoinbaseAdvanced, product), () => exchange.Book(product)));

        FeedStatus status = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
        Output!.WriteLine($"exchange: {exchange.MessageCount} messages, {exchange.Connections} connections, {exchange.SnapshotsSent} snapshots, {exchange.SequencesSkipped} skipped");
        Output!.WriteLine($"feed: {status with { Books = [] }}");
        foreach (var v in views) Output!.WriteLine($"{v.EntityId}: resyncs {v.Resyncs}, last problem '{v.LastProblem}', {v.Events} events, {v.Bids.Length}x{v.Asks.Length} levels");
        Assert.Equal(2, exchange.Connections);
        Assert.Equal(1, exchange.SequencesSkipped);
        // See the Binance test: the reset may beat the first snapshot; the skipped sequence_num always breaks synced books.
        Assert.All(views, v => Assert.True(v.Resyncs >= 1, $"{v.EntityId}: the gap should resync the book ({v.Resyncs})"));
        Assert.All(views, v => Assert.Contains("sequence_num", v.LastProblem));
        Assert.All(views, v => Assert.True(v.IsValid));
        // Initial subscribe on each connection, plus one resubscribe for the gap covering both products.
        Assert.True(exchange.SnapshotsSent >= 3, $"{exchange.SnapshotsSent} snapshots");
        Assert.Contains(exchange.Received, m => m.Contains("\"unsubscribe\"") && m.Contains("BTC-USD") && m.Contains("ETH-USD"));
        Assert.Equal(1, status.Reconnects);
        Assert.Equal(0, status.BadMessages);
        Assert.Equal(FeedState.Streaming, status.State);
    }

    private async Task<ReplicaBooks.ReplicaView> AwaitBookEquals(IActorRef books, string id, Func<(Models.Book.Level[] Bids, Models.Book.Level[] Asks)> truth)
    {
        ReplicaBooks.ReplicaView? view = null;
        await AwaitAssertAsync(async () =>
        {
            view = await books.Ask<ReplicaBooks.ReplicaView>(new ReplicaBooks.Query(id), TimeSpan.FromSeconds(3));
            var (bids, asks) = truth();
            Assert.True(view.IsValid, $"{id} is {view.State}: {view.LastProblem}");
            Assert.Equal(bids.Length, view.Bids.Length);
            Assert.Equal(asks.Length, view.Asks.Length);
            Assert.True(bids.SequenceEqual(view.Bids), $"{id}: bids differ");
            Assert.True(asks.SequenceEqual(view.Asks), $"{id}: asks differ");
        }, Patience, TimeSpan.FromMilliseconds(200));
        return view!;
    }
}
