using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>
/// One venue connection's worth of market data: parses each raw payload, checks the connection's sequence where
/// the venue has one, and routes book messages to each symbol's <see cref="IBookSync"/>. Live feeds, recordings and
/// tests all drive the books through this one class.
/// </summary>
public sealed class MarketDataSession
{
    private readonly IVenueParser _parser;
    private readonly ISessionObserver? _observer;
    private readonly Dictionary<string, IBookSync> _books = new();
    private readonly ConnectionSequence _sequence = new();
    private string? _lastSymbol;

    public MarketDataSession(Venue venue, ISessionObserver? observer = null)
    {
        Venue = venue;
        _parser = VenueProtocol.CreateParser(venue);
        _observer = observer;
    }

    public Venue Venue { get; }

    public IReadOnlyDictionary<string, IBookSync> Books => _books;
    public long Payloads { get; private set; }
    public long Messages { get; private set; }
    /// <summary>Connection-level sequence breaks (Coinbase sequence_num).</summary>
    public int SequenceGaps => _sequence.Gaps;
    public int Resyncs => _books.Values.Sum(b => b.Resyncs);

    /// <summary>A new connection: its sequence starts afresh and every book needs a new snapshot.</summary>
    public void OnConnected()
    {
        _sequence.Reset();
        foreach (IBookSync book in _books.Values)
        {
            if (book.Book.State != Book.BookState.AwaitingSnapshot) book.Invalidate("reconnected");
        }
    }

    /// <summary>Processes one raw payload.</summary>
    /// <param name="snapshotSymbol">The symbol a REST snapshot was requested for (Binance snapshots do not name it).</param>
    /// <exception cref="MarketDataException">the payload is bad; no book was changed.</exception>
    public void Process(ReadOnlySpan<byte> payload, long receiveTimeNs, string? snapshotSymbol = null)
    {
        ReadOnlySpan<MarketMessage> messages = _parser.Parse(payload, receiveTimeNs);
        Payloads++;
        if (_sequence.Check(_parser.PayloadSequence) is { } gap)
        {
            foreach (IBookSync book in _books.Values)
            {
                book.Invalidate(gap);
                _observer?.OnResyncNeeded(book);
            }
        }
        foreach (MarketMessage m in messages)
        {
            Messages++;
            if (m.Kind == MessageKind.Snapshot && m.Symbol.Length == 0) m.Symbol = SnapshotSymbol.Resolve(Venue, snapshotSymbol, _books.Keys, _lastSymbol);
            IBookSync? book = null;
            SyncResult result = SyncResult.Ignored;
            if (m.Symbol.Length > 0 && m.Kind is not (MessageKind.Other or MessageKind.Heartbeat))
            {
                book = GetOrAdd(m.Symbol);
                _lastSymbol = m.Symbol;
                result = book.Apply(m);
            }
            _observer?.OnMessage(m, book, result);
            if (book is not null && result is SyncResult.Gap or SyncResult.SnapshotTooOld) _observer?.OnResyncNeeded(book);
        }
    }

    public IBookSync GetOrAdd(string symbol)
    {
        if (!_books.TryGetValue(symbol, out IBookSync? book))
        {
            book = VenueProtocol.CreateSync(Venue, symbol);
            _books.Add(symbol, book);
        }
        return book;
    }
}
