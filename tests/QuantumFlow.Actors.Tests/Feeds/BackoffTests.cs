using Akka.Actor;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Binance;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Tests.FakeExchange;
using QuantumFlow.Models.Market;
using Xunit.Abstractions;

namespace QuantumFlow.Actors.Tests.Feeds;

public class BackoffTests(ITestOutputHelper output) : TestKit("akka.loglevel = INFO", output)
{
    [Fact]
    public async Task A_refused_feed_retries_with_growing_delays_and_recovers_once_the_endpoint_accepts()
    {
        await using var exchange = new FakeBinanceExchange(TestPaths.SampleSession, "BTCUSDT", maxMessages: 3000) { RefuseFirst = 4 };
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
        output.WriteLine($"attempts at {string.Join(", ", attempts.Select(a => a.TotalMilliseconds.ToString("F0")))} ms; gaps {string.Join(", ", gaps.Select(g => g.ToString("F0")))} ms");
        Assert.Equal(5, attempts.Length);
        Assert.Equal(1, exchange.Connections);
        // Back-off doubles from 200 ms with up to 20 % jitter: 200-240, 400-480, 800-960, 1600-1920 ms.
        Assert.True(gaps[0] >= 190, $"first retry after {gaps[0]:F0} ms");
        for (int i = 1; i < gaps.Length; i++) Assert.True(gaps[i] > gaps[i - 1] * 1.4, $"gap {i} ({gaps[i]:F0} ms) did not grow from {gaps[i - 1]:F0} ms");
    }
}
