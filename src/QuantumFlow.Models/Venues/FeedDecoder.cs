using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>
/// What a feed does with a venue connection's raw payloads before they reach the books: parse them into immutable
/// <see cref="MarketEvent"/>s, name the symbol of REST snapshots, and turn a connection-level sequence break or a
/// reconnect into a <see cref="FeedGap"/> for every book of the connection. The books themselves apply the venue's
/// rules (see <see cref="BookReplica"/>), so the journal holds exactly what the feed delivered.
/// </summary>
public sealed class FeedDecoder
{
    private IVenueParser _parser;
    private readonly ConnectionSequence _sequence = new();
    private readonly List<string> _symbols = new();

    public FeedDecoder(Venue venue)
    {
        Venue = venue;
        _parser = VenueProtocol.CreateParser(venue);
    }

    public Venue Venue { get; }
    public IReadOnlyList<string> Symbols => _symbols;
    public int SequenceGaps => _sequence.Gaps;

    /// <summary>
    /// Drops best bid/ask payloads unparsed: they change no book and no feature, and parsing them is a third of a
    /// training table's work. Only for readers that keep books and features alone; a live feed journals every event.
    /// </summary>
    public bool SkipBestBidAsk { get; init; }

    /// <summary>
    /// Learns symbols as if their payloads had been decoded (in this order): a restarted replay's decoder must know the
    /// books its previous incarnation knew, so that it resets the same books when a pass begins.
    /// </summary>
    public void Know(IEnumerable<string> symbols)
    {
        foreach (string symbol in symbols) if (!_symbols.Contains(symbol)) _symbols.Add(symbol);
    }

    /// <summary>
    /// A new session of the venue, such as a replay's next pass: the parser forgets what it kept of the last one, above
    /// all the trade ids it has counted, which a recording played again repeats (its trades would all be dropped as
    /// fills already seen). Symbols stay known; <see cref="OnConnected"/> still tells the books.
    /// </summary>
    public void NewSession() => _parser = VenueProtocol.CreateParser(Venue);

    /// <summary>A new connection: its books are stale until their new snapshots; emits one <see cref="FeedGap"/> each.</summary>
    public void OnConnected(long receiveTimeNs, string reason, List<MarketEvent> output)
    {
        _sequence.Reset();
        foreach (string symbol in _symbols) output.Add(new FeedGap(Venue, symbol, 0, receiveTimeNs, reason));
    }

    /// <summary>Decodes one payload into <paramref name="output"/> (appended).</summary>
    /// <param name="snapshotSymbol">The symbol a REST snapshot was requested for (Binance snapshots do not name it).</param>
    /// <exception cref="MarketDataException">the payload is bad; nothing was appended.</exception>
    public void Decode(ReadOnlySpan<byte> payload, long receiveTimeNs, string? snapshotSymbol, List<MarketEvent> output)
    {
        if (SkipBestBidAsk && _parser.IsBestBidAskOnly(payload)) return;
        ReadOnlySpan<MarketMessage> messages = _parser.Parse(payload, receiveTimeNs);
        if (_sequence.Check(_parser.PayloadSequence) is { } gap)
        {
            foreach (string symbol in _symbols) output.Add(new FeedGap(Venue, symbol, 0, receiveTimeNs, gap));
        }
        foreach (MarketMessage m in messages)
        {
            if (m.Kind is MessageKind.Other or MessageKind.Heartbeat) continue;
            if (m.Kind == MessageKind.Snapshot && m.Symbol.Length == 0)
                m.Symbol = SnapshotSymbol.Resolve(Venue, snapshotSymbol, _symbols, _symbols.Count > 0 ? _symbols[^1] : null);
            if (!_symbols.Contains(m.Symbol)) _symbols.Add(m.Symbol);
            output.Add(m.ToEvent());
        }
    }
}
