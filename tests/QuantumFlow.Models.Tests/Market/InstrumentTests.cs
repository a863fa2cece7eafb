using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Market;

public sealed class InstrumentTests
{
    [Theory]
    [InlineData("binance:BTCUSDT", "binance", "BTC", "USDT")]
    [InlineData("coinbase:BTC-USD", "coinbase", "BTC", "USD")]
    [InlineData("binance-coinm:BTCUSD_PERP", "binance-coinm", "BTC", "USD")]
    [InlineData("binance:ETHFDUSD", "binance", "ETH", "FDUSD")]
    public void Instruments_split_into_venue_base_and_quote(string id, string venue, string baseAsset, string quote)
    {
        Instrument i = Instrument.TryParse(id)!;
        Assert.Equal((venue, baseAsset, quote), (i.VenueId, i.Base, i.Quote));
    }

    [Theory]
    [InlineData("BTCUSDT")]
    [InlineData("nowhere:BTCUSDT")]
    [InlineData("binance:")]
    public void Ids_that_are_not_venue_and_symbol_are_refused(string id) => Assert.Null(Instrument.TryParse(id));
}
