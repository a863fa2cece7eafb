namespace QuantumFlow.Models.Market;

/// <summary>
/// A book's entity id ("binance-usdm:BTCUSDT", "coinbase:BTC-USD") split into venue, base and quote currency, so the
/// same asset can be compared across venues that quote it in different currencies.
/// </summary>
public sealed record Instrument(string EntityId, string VenueId, string Symbol, string Base, string Quote)
{
    // Longest first: "BTCUSDT" is BTC/USDT, not BTCUSD/T.
    private static readonly string[] KnownQuotes = ["FDUSD", "USDT", "USDC", "BUSD", "USD", "EUR", "BTC", "ETH"];

    /// <returns>null when the id is not "venue:SYMBOL" with a known venue.</returns>
    public static Instrument? TryParse(string entityId)
    {
        int colon = entityId.IndexOf(':');
        if (colon <= 0 || colon == entityId.Length - 1) return null;
        string venue = entityId[..colon];
        if (!VenueNames.TryParse(venue, out _)) return null;
        string symbol = entityId[(colon + 1)..];
        // COIN-M perpetuals ("BTCUSD_PERP") and dated futures quote in the part before the underscore.
        string core = symbol.Split('_')[0].ToUpperInvariant();
        int dash = core.IndexOf('-');
        if (dash > 0) return new Instrument(entityId, venue, symbol, core[..dash], core[(dash + 1)..]);
        foreach (string quote in KnownQuotes)
        {
            if (core.Length > quote.Length && core.EndsWith(quote, StringComparison.Ordinal))
                return new Instrument(entityId, venue, symbol, core[..^quote.Length], quote);
        }
        return new Instrument(entityId, venue, symbol, core, "");
    }
}
