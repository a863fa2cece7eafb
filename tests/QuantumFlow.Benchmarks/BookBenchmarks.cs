using BenchmarkDotNet.Attributes;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Benchmarks;

/// <summary>Level updates alone: every level of every real diff of the session applied to the book (per level update).</summary>
[MemoryDiagnoser]
public class BookBenchmarks
{
    private LevelUpdate[] _updates = [];
    private LevelUpdate[] _snapshot = [];

    [GlobalSetup]
    public void Setup()
    {
        var parser = VenueProtocol.CreateParser(Venue.BinanceUsdm);
        var updates = new List<LevelUpdate>();
        foreach ((_, byte[] json) in RecordedLines.Load(RecordedLines.BtcUsdm2024))
        {
            foreach (MarketMessage m in parser.Parse(json, 0))
            {
                if (m.Kind == MessageKind.Delta) updates.AddRange(m.Levels.ToArray());
                if (m.Kind == MessageKind.Snapshot) _snapshot = m.Levels.ToArray();
            }
        }
        _updates = updates.ToArray();
        Console.WriteLine($"// {_updates.Length} level updates");
    }

    [Benchmark(OperationsPerInvoke = 1_000_000)]
    public Price ApplyLevelUpdates()
    {
        var book = new OrderBook(Venue.BinanceUsdm, "BTCUSDT");
        book.ApplySnapshot(_snapshot, 0, 0, 0);
        int n = 0;
        while (n < 1_000_000)
        {
            foreach (ref readonly LevelUpdate u in _updates.AsSpan())
            {
                book[u.Side].Set(u.Price, u.Quantity);
                if (++n == 1_000_000) break;
            }
        }
        return book.BestBid;
    }
}
