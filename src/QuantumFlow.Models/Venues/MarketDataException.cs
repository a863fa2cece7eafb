using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>
/// Bad market data: names the venue, where the data came from (file and line, or connection) and what was wrong.
/// Thrown before anything is applied, so a book is never left half-updated by a bad message.
/// </summary>
public sealed class MarketDataException : Exception
{
    public MarketDataException(Venue venue, string reason, string? location = null, Exception? inner = null)
        : base(Compose(venue, reason, location), inner)
    {
        Venue = venue;
        Reason = reason;
        Location = location;
    }

    public Venue Venue { get; }
    public string Reason { get; }
    public string? Location { get; }

    public MarketDataException At(string location) => new(Venue, Reason, location, InnerException);

    private static string Compose(Venue venue, string reason, string? location)
    {
        string where = location is null ? "" : location + ": ";
        return venue == Venue.Unknown ? where + reason : $"{venue.Id()}: {where}{reason}";
    }
}
