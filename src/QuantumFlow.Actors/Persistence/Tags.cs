using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Persistence;

/// <summary>Journal tags, so a replay can select events by venue, by symbol or by book.</summary>
public static class Tags
{
    public static string Venue(Venue venue) => "venue:" + venue.Id();
    public static string Symbol(string symbol) => "symbol:" + symbol;
    public static string Book(string entityId) => "book:" + entityId;

    public static string[] For(MarketEvent e) => [Venue(e.Venue), Symbol(e.Symbol), Book(Actors.Books.BookId.Of(e.Venue, e.Symbol))];
}
