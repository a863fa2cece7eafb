namespace QuantumFlow.Models.Market;

/// <summary>A venue and market type; each has its own sequencing rules.</summary>
public enum Venue : byte
{
    Unknown = 0,
    BinanceSpot,
    BinanceUsdm,
    BinanceCoinm,
    CoinbaseAdvanced,
    CoinbaseExchange,
    Simulated,
}

public static class VenueNames
{
    /// <summary>The stable short name used in entity ids ("binance-usdm:BTCUSDT"), journal tags and output.</summary>
    public static string Id(this Venue venue) => venue switch
    {
        Venue.BinanceSpot => "binance",
        Venue.BinanceUsdm => "binance-usdm",
        Venue.BinanceCoinm => "binance-coinm",
        Venue.CoinbaseAdvanced => "coinbase",
        Venue.CoinbaseExchange => "coinbase-exchange",
        Venue.Simulated => "sim",
        _ => "unknown",
    };

    public static bool TryParse(string id, out Venue venue)
    {
        foreach (Venue v in Enum.GetValues<Venue>())
        {
            if (v != Venue.Unknown && v.Id() == id) { venue = v; return true; }
        }
        venue = Venue.Unknown;
        return false;
    }
}
