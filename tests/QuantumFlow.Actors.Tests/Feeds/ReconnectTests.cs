using Akka.Actor;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Binance;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Tests.FakeExchange;
using QuantumFlow.Models.Market;
using Xunit.Abstractions;

namespace QuantumFlow.Actors.Tests.Feeds;

public class ReconnectTests(ITestOutputHelper output) : TestKit("akka.loglevel = INFO", output)
{
    [Fact]
    public async Task A_refused_feed_retries_with_growing_delays_and_recovers_once_the_endpoint_accepts()
    {
        await using var exchange = new FakeBinanceExchange(TestRecordings.SampleSession, "BTCUSDT", maxMessages: 3000) { RefuseFirst = 4 };
        await exchange.StartAsync();
        IActorRef books = Sys.ActorOf(ReplicaBooks.Props(), "books");
        var options = new BinanceFeedOptions(Venue.BinanceUsdm, ["BTCUSDT"])
        {
            StreamBase = exchange.WsBase,
            RestBase = exchange.HttpBase,
            Reconnect = new ReconnectOptions { MinBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(10), RandomFactor = 0.2 },
        };
        IActorRef feed = Sys.ActorOf(BinanceFeed.Props(options, books), "binance-usdm");

        await AwaitAssertAsync(async () =>
        {
            FeedStatus s = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
            Assert.Equal(FeedState.Streaming, s.State);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        await AwaitAssertAsync(async () =>
        {
            var view = await books.Ask<ReplicaBooks.ReplicaView>(new ReplicaBooks.Query(BookId.Of(Venue.BinanceUsdm, "BTCUSDT")), TimeSpan.FromSeconds(3));
            Assert.True(exchange.AllSent);
            Assert.True(view.IsValid);
            Assert.Equal(exchange.Book().LastUpdateId, view.LastUpdateId);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));

        TimeSpan[] attempts;
        lock (exchange.Attempts) attempts = exchange.Attempts.ToArray();
        double[] gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray();
        Output!.WriteLine($"attempts at {string.Join(", ", attempts.Select(a => a.TotalMilliseconds.ToString("F0")))} ms; gaps {string.Join(", ", gaps.Select(g => g.ToString("F0")))} ms");
        Assert.Equal(5, attempts.Length);
        Assert.Equal(1, exchange.Connections);
        // Back-off doubles from 200 ms with up to 20 % jitter: the i-th retry waits at least 200 * 2^i ms. Load only
        // lengthens gaps, so lower bounds are exact. The first gap also holds the very first (cold) connection's
        // round trip, so growth is read from the later ones: 400-480 ms, then 1600-1920 ms.
        for (int i = 0; i < gaps.Length; i++) Assert.True(gaps[i] >= 200 * Math.Pow(2, i) - 10, $"retry {i} came after {gaps[i]:F0} ms");
        // Lower bounds alone would pass a constant 2 s back-off: growth means the last gap well above the shorter of
        // the first two (a load spike can stretch one early gap, as seen in CI: 310, 1095, 828, 1859 ms).
        Assert.True(gaps[3] > 3 * Math.Min(gaps[0], gaps[1]), $"the delays did not grow: {string.Join(", ", gaps.Select(g => g.ToString("F0")))} ms");
    }

    [Fact]
    public async Task A_connection_silent_for_longer_than_the_idle_timeout_is_presumed_dead_and_replaced()
    {
        // 200 messages, then the exchange says nothing more but keeps the socket open.
        await using var exchange = new FakeBinanceExchange(TestRecordings.SampleSession, "BTCUSDT", maxMessages: 200);
        await exchange.StartAsync();
        IActorRef books = Sys.ActorOf(ReplicaBooks.Props(), "books");
        var options = new BinanceFeedOptions(Venue.BinanceUsdm, ["BTCUSDT"])
        {
            StreamBase = exchange.WsBase,
            RestBase = exchange.HttpBase,
            Reconnect = new ReconnectOptions { MinBackoff = TimeSpan.FromMilliseconds(50), IdleTimeout = TimeSpan.FromMilliseconds(500) },
        };
        IActorRef feed = Sys.ActorOf(BinanceFeed.Props(options, books), "binance-usdm");
        await AwaitConditionAsync(() => Task.FromResult(exchange.Connections >= 2), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
        FeedStatus status = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
        Output!.WriteLine($"{status with { Books = [] }}");
        Assert.Contains("no message for 0.5 s", status.LastError);
    }
}
