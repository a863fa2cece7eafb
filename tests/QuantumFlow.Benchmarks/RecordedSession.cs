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
    private RecordedSession(MarketMessage snapshot, MarketMessage[] messages, int topDepth)
    {
        Snapshot = snapshot;
        Messages = messages;
        BookUpdates = 1 + messages.Count(m => m.Kind == MessageKind.Delta);
        (TopSnapshot, TopDeltas) = TopOfBook(snapshot, messages, topDepth);
    }

    public MarketMessage Snapshot { get; }
    public MarketMessage[] Messages { get; }
    public int BookUpdates { get; }

    /// <summary>The best <c>topDepth</c> levels per side of <see cref="Snapshot"/>.</summary>
    public MarketMessage TopSnapshot { get; }

    /// <summary>
    /// Per message, the changes that turn the previous top levels into the new ones (null for trades): applied to a
    /// book that holds only the top levels, it reads exactly like the full book to anything reading no deeper.
    /// </summary>
    public MarketMessage?[] TopDeltas { get; }

    public static RecordedSession Load(string relativeToData, int topDepth)
    {
        var parser = new BinanceParser(Venue.BinanceUsdm);
        var sync = new BinanceBookSync(Venue.BinanceUsdm, "BTCUSDT");
        MarketMessage? snapshot = null;
        var messages = new List<MarketMessage>();
        foreach ((long receiveNs, byte[] json) in RecordedLines.Load([DataPath(relativeToData)]))
        {
            foreach (MarketMessage m in parser.Parse(json, receiveNs))
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
        return new RecordedSession(snapshot, [.. messages], topDepth);
    }

    private static (MarketMessage, MarketMessage?[]) TopOfBook(MarketMessage snapshot, MarketMessage[] messages, int depth)
    {
        var book = new OrderBook(snapshot.Venue, snapshot.Symbol);
        book.ApplySnapshot(snapshot.Levels, snapshot.LastUpdateId, 0, snapshot.ReceiveTimeNs);
        var top = new MarketMessage();
        top.Reset(MessageKind.Snapshot, snapshot.Venue, snapshot.ReceiveTimeNs);
        top.Symbol = snapshot.Symbol;
        top.LastUpdateId = snapshot.LastUpdateId;
        foreach (BookSide side in new[] { book.Bids, book.Asks })
            foreach (Level l in Top(side, depth)) top.AddLevel(new LevelUpdate(side.Side, l.Price, l.Quantity));
        var deltas = new MarketMessage?[messages.Length];
        for (int i = 0; i < messages.Length; i++)
        {
            MarketMessage m = messages[i];
            if (m.Kind != MessageKind.Delta) continue;
            Level[] bidsBefore = Top(book.Bids, depth), asksBefore = Top(book.Asks, depth);
            book.ApplyDelta(m.Levels, m.LastUpdateId, m.ExchangeTimeNs, m.ReceiveTimeNs);
            var d = new MarketMessage();
            d.Reset(MessageKind.Delta, m.Venue, m.ReceiveTimeNs);
            d.Symbol = m.Symbol;
            d.LastUpdateId = m.LastUpdateId;
            Diff(Side.Bid, bidsBefore, Top(book.Bids, depth), d);
            Diff(Side.Ask, asksBefore, Top(book.Asks, depth), d);
            deltas[i] = d;
        }
        return (top, deltas);
    }

    private static Level[] Top(BookSide side, int depth)
    {
        var levels = new Level[Math.Min(depth, side.Count)];
        side.CopyTop(levels);
        return levels;
    }

    private static void Diff(Side side, Level[] before, Level[] after, MarketMessage into)
    {
        var now = after.ToDictionary(l => l.Price, l => l.Quantity);
        foreach (Level l in before)
            if (!now.ContainsKey(l.Price)) into.AddLevel(new LevelUpdate(side, l.Price, Quantity.Zero));
        var then = before.ToDictionary(l => l.Price, l => l.Quantity);
        foreach (Level l in after)
            if (!then.TryGetValue(l.Price, out Quantity q) || q != l.Quantity) into.AddLevel(new LevelUpdate(side, l.Price, l.Quantity));
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
