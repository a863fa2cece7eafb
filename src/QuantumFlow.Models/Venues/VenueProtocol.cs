using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues.Binance;
using QuantumFlow.Models.Venues.Coinbase;

namespace QuantumFlow.Models.Venues;

/// <summary>The parser and book-sync rules of each venue: the only place that maps a venue to its adapter.</summary>
public static class VenueProtocol
{
    public static IVenueParser CreateParser(Venue venue) => venue switch
    {
        Venue.BinanceSpot or Venue.BinanceUsdm or Venue.BinanceCoinm => new BinanceParser(venue),
        Venue.CoinbaseAdvanced => new CoinbaseAdvancedParser(),
        Venue.CoinbaseExchange => new CoinbaseExchangeParser(),
        _ => throw new ArgumentException($"no protocol for venue {venue}", nameof(venue)),
    };

    public static IBookSync CreateSync(Venue venue, string symbol) => venue switch
    {
        Venue.BinanceSpot or Venue.BinanceUsdm or Venue.BinanceCoinm => new BinanceBookSync(venue, symbol),
        Venue.CoinbaseAdvanced or Venue.CoinbaseExchange or Venue.Simulated => new SnapshotThenDeltaSync(venue, symbol),
        _ => throw new ArgumentException($"no book sync for venue {venue}", nameof(venue)),
    };
}
