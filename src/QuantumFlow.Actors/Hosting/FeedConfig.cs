using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Hosting;

/// <summary>
/// The feeds a node is given by configuration: <c>quantumflow.feeds</c>, a HOCON list with one object per feed, its keys
/// named as `run`'s feed flags (<c>feed</c>, <c>paths</c>, <c>speed</c>, <c>loop</c>, <c>symbols</c>, <c>venue</c>,
/// <c>rate</c>, <c>seed</c>). Each becomes its own cluster singleton (<see cref="FeedPlacement"/>), so one node can
/// stand by for several feeds, and giving every node the same list makes every feed survive any one node.
/// </summary>
public static class FeedConfig
{
    public const string Key = "quantumflow.feeds";

    /// <returns>the listed feeds, in order, each once (the same feed twice is one singleton); empty when none are listed.</returns>
    /// <exception cref="FormatException">an entry names no known feed, or has a bad value: the message names the entry.</exception>
    public static IReadOnlyList<FeedSpec> Read(Config config)
    {
        if (!config.HasPath(Key)) return [];
        IList<HoconValue> items = config.GetValue(Key).GetArray();
        var specs = new List<FeedSpec>();
        for (int i = 0; i < items.Count; i++)
        {
            FeedSpec spec = ReadOne(new Config(new HoconRoot(items[i])), $"{Key}[{i}]");
            if (!specs.Any(s => s.ActorName == spec.ActorName)) specs.Add(spec);
        }
        return specs;
    }

    private static FeedSpec ReadOne(Config entry, string where)
    {
        string kindText = entry.GetString("feed", null) ?? throw new FormatException($"{where}: no 'feed' (replay, sim, binance or coinbase)");
        if (!Enum.TryParse(kindText, ignoreCase: true, out FeedKind kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
            throw new FormatException($"{where}: feed '{kindText}' is not replay, sim, binance or coinbase");
        string venueText = entry.GetString("venue", "binance");
        if (!VenueNames.TryParse(venueText, out Venue venue) || venue is not (Venue.BinanceSpot or Venue.BinanceUsdm or Venue.BinanceCoinm))
            throw new FormatException($"{where}: venue '{venueText}' is not binance, binance-usdm or binance-coinm");
        double speed = Number(entry, "speed", 1, where);
        if (speed < 0) throw new FormatException($"{where}: speed {speed} must be 0 (as fast as possible) or positive");
        double rate = Number(entry, "rate", 1000, where);
        if (rate <= 0) throw new FormatException($"{where}: rate {rate} must be positive");
        return new FeedSpec(kind)
        {
            Paths = entry.HasPath("paths") ? entry.GetStringList("paths").ToList() : [],
            Speed = speed,
            Loop = entry.GetBoolean("loop", true),
            Symbols = entry.HasPath("symbols") ? entry.GetStringList("symbols").ToList() : [],
            Venue = venue,
            EventsPerSecond = rate,
            Seed = (long)Number(entry, "seed", 1, where),
        };
    }

    private static double Number(Config entry, string key, double fallback, string where)
    {
        if (!entry.HasPath(key)) return fallback;
        string text = entry.GetString(key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"{where}: {key} '{text}' is not a number");
    }
}
