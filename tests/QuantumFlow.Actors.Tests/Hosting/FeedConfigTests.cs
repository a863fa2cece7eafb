using Akka.Configuration;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Tests.Hosting;

/// <summary>A node's feeds from configuration: one singleton per listed feed.</summary>
public sealed class FeedConfigTests
{
    [Fact]
    public void Each_listed_feed_is_read_with_its_settings_and_the_same_feed_twice_is_one()
    {
        Config config = ConfigurationFactory.ParseString("""
            quantumflow.feeds = [
              { feed = replay, paths = ["a.gz", "b.gz"], speed = 20, loop = off }
              { feed = sim, symbols = [SIM-A, SIM-B], rate = 250, seed = 7 }
              { feed = binance, venue = binance-usdm, symbols = [BTCUSDT] }
              { feed = sim, symbols = [SIM-A, SIM-B], rate = 250, seed = 7 }
            ]
            """);
        IReadOnlyList<FeedSpec> feeds = FeedConfig.Read(config);
        Assert.Equal(3, feeds.Count);
        Assert.Equal(new FeedSpec(FeedKind.Replay) { Paths = ["a.gz", "b.gz"], Speed = 20, Loop = false }.ActorName, feeds[0].ActorName);
        Assert.Equal((FeedKind.Sim, 250.0, 7L, true), (feeds[1].Kind, feeds[1].EventsPerSecond, feeds[1].Seed, feeds[1].Loop));
        Assert.Equal(["SIM-A", "SIM-B"], feeds[1].Symbols);
        Assert.Equal((FeedKind.Binance, Venue.BinanceUsdm), (feeds[2].Kind, feeds[2].Venue));
        Assert.Equal(3, feeds.Select(f => f.ActorName).Distinct().Count());
        Assert.Empty(FeedConfig.Read(ConfigurationFactory.ParseString("akka.loglevel = INFO")));
    }

    [Theory]
    [InlineData("{ symbols = [A] }", "quantumflow.feeds[0]: no 'feed'")]
    [InlineData("{ feed = kafka }", "feed 'kafka' is not")]
    [InlineData("{ feed = sim, rate = fast }", "rate 'fast' is not a number")]
    [InlineData("{ feed = sim, rate = 0 }", "rate 0 must be positive")]
    [InlineData("{ feed = binance, venue = kraken }", "venue 'kraken'")]
    public void A_bad_entry_is_refused_naming_it(string entry, string message)
    {
        var e = Assert.Throws<FormatException>(() => FeedConfig.Read(ConfigurationFactory.ParseString($"quantumflow.feeds = [{entry}]")));
        Assert.Contains(message, e.Message);
    }
}
