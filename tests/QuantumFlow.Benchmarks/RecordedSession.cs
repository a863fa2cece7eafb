using System.IO.Compression;
using System.Text;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.Venues.Binance;

namespace QuantumFlow.Benchmarks;

/// <summary>
/// A recorded Binance session loaded into memory as the book sees it after sync: the synced book as one snapshot,
/// then every applied diff and every trade, in arrival order, each in its own message. Loading is benchmark setup
/// only; the proper recording readers live in Models/Recording.
/// </summary>
public sealed class RecordedSession
{
    private RecordedSession(MarketMessage snapshot, MarketMessage[] messages)
    {
        Snapshot = snapshot;
        Messages = messages;
        BookUpdates = 1 + messages.Count(m => m.Kind == MessageKind.Delta);
    }

    public MarketMessage Snapshot { get; }
    public MarketMessage[] Messages { get; }
    public int BookUpdates { get; }

    public static RecordedSession Load(string relativeToData)
    {
        var parser = new BinanceParser(Venue.BinanceUsdm);
        var sync = new BinanceBookSync(Venue.BinanceUsdm, "BTCUSDT");
        MarketMessage? snapshot = null;
        var messages = new List<MarketMessage>();
        using var file = File.OpenRead(DataPath(relativeToData));
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            int space = line.IndexOf(' ');
            long receiveNs = UnixTime.FromAnyUnit(long.Parse(line.AsSpan(0, space)));
            foreach (MarketMessage m in parser.Parse(Encoding.UTF8.GetBytes(line[(space + 1)..]), receiveNs))
            {
                if (m.Kind is MessageKind.Snapshot or MessageKind.Delta)
                {
                    SyncResult r = sync.Apply(m);
                    if (r == SyncResult.SnapshotApplied) snapshot = CopyBook(sync.Book, m);
                    else if (r == SyncResult.Applied) messages.Add(Copy(m));
                }
                else if (m.Kind == MessageKind.Trade && snapshot is not null)
                {
                    messages.Add(Copy(m));
                }
            }
        }
        if (snapshot is null) throw new InvalidDataException($"{relativeToData} has no snapshot");
        return new RecordedSession(snapshot, [.. messages]);
    }

    private static MarketMessage Copy(MarketMessage m)
    {
        var copy = new MarketMessage();
        copy.Load(m.ToEvent());
        return copy;
    }

    /// <summary>The book as synced (snapshot plus the buffered diffs the sync applied with it), as one snapshot.</summary>
    private static MarketMessage CopyBook(OrderBook book, MarketMessage source)
    {
        var m = new MarketMessage();
        m.Reset(MessageKind.Snapshot, book.Venue, source.ReceiveTimeNs);
        m.Symbol = book.Symbol;
        m.LastUpdateId = book.LastUpdateId;
        foreach (BookSide side in new[] { book.Bids, book.Asks })
        {
            var levels = new Level[side.Count];
            side.CopyTop(levels);
            foreach (Level l in levels) m.AddLevel(new LevelUpdate(side.Side, l.Price, l.Quantity));
        }
        return m;
    }

    private static string DataPath(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuantumFlow.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relative));
        }
        throw new DirectoryNotFoundException("repository root (QuantumFlow.sln) not found above " + AppContext.BaseDirectory);
    }
}
