using QuantumFlow.Actors.Outputs;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Web.Contracts;

/// <summary>A book's top levels (best first) with mid and spread; <c>Valid</c> false while it resyncs or is stale (<c>State</c> "Stale").</summary>
public sealed record BookPayload(string Symbol, bool Valid, string? State, long LastUpdateId, long TimeMs, IReadOnlyList<LevelPayload> Bids, IReadOnlyList<LevelPayload> Asks, decimal? Mid, decimal? Spread, double? SpreadBps)
{
    public static BookPayload From(BookTop t, int depth = int.MaxValue) => Create(t.EntityId, t.IsValid, t.IsStale ? Actors.Books.BookActor.Stale : null, t.LastUpdateId, t.ExchangeTimeNs, t.Bids, t.Asks, depth);

    public static BookPayload Create(string symbol, bool valid, string? state, long lastUpdateId, long timeNs, IReadOnlyList<LevelUpdate> bids, IReadOnlyList<LevelUpdate> asks, int depth)
    {
        decimal? bid = bids.Count > 0 ? bids[0].Price.ToDecimal() : null;
        decimal? ask = asks.Count > 0 ? asks[0].Price.ToDecimal() : null;
        decimal? mid = bid is { } b && ask is { } a ? (b + a) / 2 : null;
        decimal? spread = bid is { } b2 && ask is { } a2 ? a2 - b2 : null;
        return new BookPayload(symbol, valid, state, lastUpdateId, timeNs / 1_000_000,
            bids.Take(depth).Select(l => new LevelPayload(l.Price.ToDecimal(), l.Quantity.ToDecimal())).ToList(),
            asks.Take(depth).Select(l => new LevelPayload(l.Price.ToDecimal(), l.Quantity.ToDecimal())).ToList(),
            mid, spread, mid is > 0 && spread is { } s ? (double)(s / mid.Value) * 1e4 : null);
    }
}
