using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Host.Web.Contracts;
using QuantumFlow.Host.Web.Market;

namespace QuantumFlow.Host.Web.Api;

/// <summary>
/// /api/symbols: the books the host has seen (from every node), a book's top N, its latest prediction and its recent
/// predictions with outcomes. A symbol is an entity id ("binance-usdm:BTCUSDT"); an unknown one is a 404 and never
/// reaches the shard region (asking it would start a book).
/// </summary>
public static class SymbolEndpoints
{
    public const int MaxDepth = 1000;
    public const int MaxHistory = 1000;
    /// <summary>How long GET /book waits for a book whose shard is moving before it answers 503.</summary>
    public static readonly TimeSpan BookDeadline = TimeSpan.FromSeconds(15);

    public sealed record SymbolSummary(string Symbol, string? Venue, string? Base, string? Quote, bool Valid, string? State, decimal? BestBid, decimal? BestAsk,
        decimal? Mid, double? SpreadBps, long BookUpdates, long Trades, long Predictions, long EventsJournaled, int Resyncs);

    public static RouteGroupBuilder MapSymbolEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/symbols", List).WithSummary("Every symbol the host has seen, with its state");
        api.MapGet("/symbols/{symbol}/book", BookAsync).WithSummary("A book's top N levels per side, from its actor");
        api.MapGet("/symbols/{symbol}/prediction", Latest).WithSummary("The latest prediction with every model's part");
        api.MapGet("/symbols/{symbol}/predictions", Recent).WithSummary("Recent predictions, newest first, with their outcomes once resolved");
        return api;
    }

    private static Ok<List<SymbolSummary>> List(MarketState market) => TypedResults.Ok(market.Symbols.Select(s =>
    {
        lock (s.Gate)
        {
            BookPayload? top = s.Top is { } t ? BookPayload.From(t, 1) : null;
            return new SymbolSummary(s.EntityId, s.Instrument?.VenueId, s.Instrument?.Base, s.Instrument?.Quote, s.View?.IsValid ?? top?.Valid ?? false, s.View?.State,
                top?.Bids.FirstOrDefault()?.Price, top?.Asks.FirstOrDefault()?.Price, top?.Mid, top?.SpreadBps,
                s.BookUpdates, s.TradeCount, s.PredictionCount, s.View?.EventsJournaled ?? 0, s.View?.Resyncs ?? 0);
        }
    }).ToList());

    private static async Task<Results<Ok<BookPayload>, ProblemHttpResult>> BookAsync(string symbol, MarketState market, IRequiredActor<BookRegion> books, int? depth, CancellationToken cancel)
    {
        if (market.Find(symbol) is null) return Unknown(symbol);
        int n = depth ?? 10;
        if (n < 1 || n > MaxDepth) return TypedResults.Problem(statusCode: 400, title: "Invalid depth", detail: $"depth must be 1..{MaxDepth}, not {n}");
        try
        {
            // A book whose node just died answers once its shard is placed again: wait for that, within a deadline.
            BookView v = await ShardedAsk.AskAsync<BookView>(books.ActorRef, new GetBook(symbol, n), $"the book {symbol}", BookDeadline, cancel);
            return TypedResults.Ok(BookPayload.Create(v.EntityId, v.IsValid, v.State, v.LastUpdateId, v.ExchangeTimeNs, v.Bids, v.Asks, n));
        }
        catch (AskTimeoutException e)
        {
            return TypedResults.Problem(statusCode: 503, title: "Book did not answer", detail: e.Message);
        }
    }

    private static Results<Ok<PredictionPayload>, ProblemHttpResult> Latest(string symbol, MarketState market)
    {
        if (market.Find(symbol) is not { } s) return Unknown(symbol);
        lock (s.Gate)
        {
            // A stale book's last prediction is about a market that has moved on since: say so rather than serve it.
            if (s.Top is { IsStale: true } || s.View?.State == Actors.Books.BookActor.Stale)
                return TypedResults.Problem(statusCode: 503, title: "Book is stale",
                    detail: s.View?.LastProblem ?? $"{symbol} has had no market data for a while (its feed stopped); predictions resume with its data");
            return s.Prediction is { } p
                ? TypedResults.Ok(PredictionPayload.From(p, s.PredictionMid))
                : TypedResults.Problem(statusCode: 404, title: "No prediction yet", detail: $"{symbol} has made no prediction yet (its book is not valid yet, or predictions are off on its node)");
        }
    }

    private static Results<Ok<List<PredictionPayload>>, ProblemHttpResult> Recent(string symbol, MarketState market, int? limit)
    {
        if (market.Find(symbol) is not { } s) return Unknown(symbol);
        int n = limit ?? 100;
        if (n < 1 || n > MaxHistory) return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: $"limit must be 1..{MaxHistory}, not {n}");
        lock (s.Gate) return TypedResults.Ok(s.History.Recent(n).Select(r => PredictionPayload.From(symbol, r)).ToList());
    }

    internal static ProblemHttpResult Unknown(string symbol) => TypedResults.Problem(statusCode: 404, title: "Unknown symbol",
        detail: $"no book '{symbol}' has published anything to this host; symbols are entity ids such as binance-usdm:BTCUSDT (GET /api/symbols lists them)");
}
