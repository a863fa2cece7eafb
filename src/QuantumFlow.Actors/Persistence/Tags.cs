using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Persistence;

/// <summary>Journal tags, so a replay can select events by venue or by symbol.</summary>
public static class Tags
{
    public static string Venue(Venue venue) => "venue:" + venue.Id();
    public static string Symbol(string symbol) => "symbol:" + symbol;
    /// <summary>Two tags: every tag is one more row per event, and venue + symbol select any book (or the persistence id does).</summary>
    public static string[] For(MarketEvent e) => [Venue(e.Venue), Symbol(e.Symbol)];
}
