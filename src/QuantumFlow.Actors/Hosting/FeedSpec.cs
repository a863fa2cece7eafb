using Akka.Actor;
using QuantumFlow.Actors.Feeds.Binance;
using QuantumFlow.Actors.Feeds.Coinbase;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Feeds.Simulated;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Hosting;

public enum FeedKind { Replay, Sim, Binance, Coinbase }

/// <summary>Which market data a node feeds its books with, as chosen on the command line.</summary>
public sealed record FeedSpec(FeedKind Kind)
{
    /// <summary>Recordings for <see cref="FeedKind.Replay"/>.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];
    /// <summary>Replay speed: 1 real time, N faster, 0 as fast as the books take it.</summary>
    public double Speed { get; init; } = 1;
    public bool Loop { get; init; }
    /// <summary>Symbols for live and simulated feeds (venue-native: BTCUSDT, BTC-USD).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];
    /// <summary>Binance market for <see cref="FeedKind.Binance"/>: spot, USD-M or COIN-M.</summary>
    public Venue Venue { get; init; } = Venue.BinanceSpot;
    public long Seed { get; init; } = 1;
    public double EventsPerSecond { get; init; } = 1000;

    /// <summary>
    /// The feed's name in the cluster: its kind and a digest of what it reads, so that nodes given the same feed share
    /// one (a cluster singleton, see <see cref="FeedPlacement"/>) and different feeds never take each other's place.
    /// </summary>
    public string ActorName
    {
        get
        {
            string what = string.Join("|", [Kind.ToString(), string.Join(",", Paths.Select(Path.GetFileName)), Speed.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                Loop.ToString(), string.Join(",", Symbols), Venue.ToString(), Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                EventsPerSecond.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]);
            byte[] digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(what));
            return $"feed-{Kind.ToString().ToLowerInvariant()}-{Convert.ToHexStringLower(digest, 0, 4)}";
        }
    }

    public Props Props(IActorRef books, IActorRef? finished = null) => Kind switch
    {
        FeedKind.Replay => ReplayFeed.Props(new ReplayOptions(Paths) { Speed = Speed <= 0 ? double.PositiveInfinity : Speed, Loop = Loop }, books, finished),
        FeedKind.Sim => SimulatedFeed.Props(new SimulatedFeedOptions(Symbols.Count > 0 ? Symbols : ["SIM-A", "SIM-B"]) { Seed = Seed, EventsPerSecond = EventsPerSecond }, books),
        FeedKind.Binance => BinanceFeed.Props(new BinanceFeedOptions(Venue, Symbols.Count > 0 ? Symbols : ["BTCUSDT"]), books),
        FeedKind.Coinbase => CoinbaseFeed.Props(new CoinbaseFeedOptions(Symbols.Count > 0 ? Symbols : ["BTC-USD"]), books),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };
}
