using BenchmarkDotNet.Attributes;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Benchmarks;

/// <summary>
/// Parse + sequence-check + apply on the real 2024-07-18/19 USD-M BTCUSDT session (71,984 messages: depth diffs,
/// bookTickers, trades, one snapshot). Results are per message (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class MarketDataBenchmarks
{
    private List<(long ReceiveTimeNs, byte[] Json)> _lines = null!;
    private long _levelUpdates;

    [GlobalSetup]
    public void Setup()
    {
        _lines = RecordedLines.Load(RecordedLines.BtcUsdm2024);
        IVenueParser parser = VenueProtocol.CreateParser(Venue.BinanceUsdm);
        foreach ((_, byte[] json) in _lines)
        {
            foreach (MarketMessage m in parser.Parse(json, 0))
            {
                if (m.Kind == MessageKind.Delta) _levelUpdates += m.Levels.Length;
            }
        }
        Console.WriteLine($"// {_lines.Count} messages, {_levelUpdates} level updates ({(double)_levelUpdates / _lines.Count:F1} per message)");
    }

    /// <summary>In memory: parse every message, nothing else (the parser's share of the cost).</summary>
    [Benchmark(OperationsPerInvoke = 71_984)]
    public long ParseOnly()
    {
        IVenueParser parser = VenueProtocol.CreateParser(Venue.BinanceUsdm);
        long n = 0;
        foreach ((long ts, byte[] json) in _lines) n += parser.Parse(json, ts).Length;
        return n;
    }

    /// <summary>The same with the general JSON reader only (no flat fast path), for comparison in one run.</summary>
    [Benchmark(OperationsPerInvoke = 71_984)]
    public long ParseOnlyGeneralReader()
    {
        var parser = new QuantumFlow.Models.Venues.Binance.BinanceParser(Venue.BinanceUsdm);
        long n = 0;
        foreach ((long ts, byte[] json) in _lines) n += parser.ParseWithReader(json, ts).Length;
        return n;
    }

    /// <summary>In memory: parse every message, check its sequence, apply it to the book.</summary>
    [Benchmark(OperationsPerInvoke = 71_984)]
    public long ParseSequenceApply()
    {
        var session = new MarketDataSession(Venue.BinanceUsdm);
        foreach ((long ts, byte[] json) in _lines) session.Process(json, ts);
        return session.Books["BTCUSDT"].Book.UpdateCount;
    }

    /// <summary>End to end from the gzip files: decompress, split lines, parse, sequence-check, apply.</summary>
    [Benchmark(OperationsPerInvoke = 71_984)]
    public long ReadParseSequenceApply()
    {
        using IRecordingReader reader = RecordingFormat.Open(RecordedLines.BtcUsdm2024, Venue.BinanceUsdm);
        var session = new MarketDataSession(Venue.BinanceUsdm);
        new RecordingPlayer(reader, session, BadLinePolicy.Stop).Play();
        return session.Books["BTCUSDT"].Book.UpdateCount;
    }
}
