using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Books;

/// <summary>Entity ids of book actors: "venue:symbol", e.g. "binance-usdm:BTCUSDT".</summary>
public static class BookId
{
    public static string Of(Venue venue, string symbol) => $"{venue.Id()}:{symbol}";

    public static bool TryParse(string id, out Venue venue, out string symbol)
    {
        int colon = id.IndexOf(':');
        symbol = colon > 0 ? id[(colon + 1)..] : "";
        venue = Venue.Unknown;
        return colon > 0 && symbol.Length > 0 && VenueNames.TryParse(id[..colon], out venue);
    }
}
