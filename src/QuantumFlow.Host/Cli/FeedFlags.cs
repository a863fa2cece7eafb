using System.CommandLine;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Cli;

/// <summary>The flags that choose a node's feed.</summary>
public sealed class FeedFlags
{
    public Option<string> Feed { get; } = new("--feed") { Description = "replay (a recording as the live feed), sim (the simulated venue), binance, coinbase.", DefaultValueFactory = _ => "replay" };
    public Option<string[]> Paths { get; } = new("--path") { Description = "Recordings to replay (default: the shipped sample).", AllowMultipleArgumentsPerToken = true };
    public Option<double> Speed { get; } = new("--speed") { Description = "Replay speed: 1 real time, N times faster, 0 as fast as possible.", DefaultValueFactory = _ => 1 };
    public Option<bool> NoLoop { get; } = new("--no-loop") { Description = "Replay once instead of looping." };
    public Option<string[]> Symbols { get; } = new("--symbols") { Description = "Symbols for sim and live feeds (BTCUSDT, BTC-USD, ...).", AllowMultipleArgumentsPerToken = true };
    public Option<string> Venue { get; } = new("--venue") { Description = "Binance market for --feed binance: binance (spot), binance-usdm, binance-coinm.", DefaultValueFactory = _ => "binance" };
    public Option<double> Rate { get; } = new("--rate") { Description = "Simulated events per second.", DefaultValueFactory = _ => 1000 };
    public Option<long> Seed { get; } = new("--seed") { Description = "Simulation seed.", DefaultValueFactory = _ => 1 };

    public FeedFlags()
    {
        Feed.AcceptOnlyFromAmong("replay", "sim", "binance", "coinbase");
    }

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Feed, Paths, Speed, NoLoop, Symbols, Venue, Rate, Seed }) command.Options.Add(o);
    }

    /// <summary>
    /// The node's feeds: those its configuration lists (<see cref="FeedConfig"/>, e.g. from --hocon), each its own
    /// singleton; when it lists none, the one these flags describe.
    /// </summary>
    /// <exception cref="FormatException">a flag or a configured feed has a bad value, or a path is no recording.</exception>
    public IReadOnlyList<FeedSpec> ReadAll(ParseResult parse, NodeOptions node)
    {
        IReadOnlyList<FeedSpec> configured = FeedConfig.Read(NodeConfig.Build(node));
        if (configured.Count == 0) return [Read(parse)];
        return configured.Select(spec =>
        {
            if (spec.Kind != FeedKind.Replay) return spec;
            // As with --path: the shipped sample when none is given, and a file that is no recording refused before the node starts.
            IReadOnlyList<string> paths = spec.Paths.Count > 0 ? spec.Paths : SampleRecording.Files;
            foreach (string path in paths)
            {
                if (CliErrors.RecordingProblem(FeedConfig.Key + " paths", path) is { } problem) throw new FormatException(problem);
            }
            return spec with { Paths = paths };
        }).ToList();
    }

    /// <exception cref="FormatException">a flag has a bad value, or a --path is no recording.</exception>
    public FeedSpec Read(ParseResult parse)
    {
        FeedKind kind = Enum.Parse<FeedKind>(parse.GetValue(Feed) ?? "replay", ignoreCase: true);
        string venueText = parse.GetValue(Venue) ?? "binance";
        if (!VenueNames.TryParse(venueText, out Venue venue) || venue is not (Models.Market.Venue.BinanceSpot or Models.Market.Venue.BinanceUsdm or Models.Market.Venue.BinanceCoinm))
            throw new FormatException($"--venue '{venueText}' is not binance, binance-usdm or binance-coinm");
        string[] paths = parse.GetValue(Paths) is { Length: > 0 } p ? p : [.. SampleRecording.Files];
        foreach (string path in paths)
        {
            if (kind == FeedKind.Replay && CliErrors.RecordingProblem("--path", path) is { } problem) throw new FormatException(problem);
        }
        double speed = parse.GetValue(Speed);
        if (speed < 0 || double.IsNaN(speed)) throw new FormatException($"--speed {speed} must be 0 (as fast as possible) or positive");
        double rate = parse.GetValue(Rate);
        if (rate <= 0 || double.IsNaN(rate)) throw new FormatException($"--rate {rate} must be positive");
        return new FeedSpec(kind)
        {
            Paths = paths,
            Speed = speed,
            Loop = !parse.GetValue(NoLoop),
            Symbols = parse.GetValue(Symbols) ?? [],
            Venue = venue,
            EventsPerSecond = rate,
            Seed = parse.GetValue(Seed),
        };
    }
}
