using QuantumFlow.Models.Arbitrage;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Arbitrage;

public sealed class ArbitrageScannerTests
{
    [Fact]
    public void Arbitrage_converts_quotes_to_usd_and_charges_both_taker_fees()
    {
        var fees = new Dictionary<string, double> { ["binance"] = 10, ["coinbase"] = 60 };
        var rates = new Dictionary<string, decimal> { ["USD"] = 1m, ["USDT"] = 0.999m };
        var quotes = new[]
        {
            new ArbitrageScanner.Quote(Instrument.TryParse("binance:BTCUSDT")!, 100_000m, 100_010m),
            new ArbitrageScanner.Quote(Instrument.TryParse("coinbase:BTC-USD")!, 100_200m, 100_210m),
        };
        ArbitrageView view = ArbitrageScanner.Scan("BTC", quotes, rates, venue => fees[venue]);
        Assert.Null(view.Unavailable);
        ArbitrageOpportunity best = view.Opportunities[0];
        Assert.Equal(("binance:BTCUSDT", "coinbase:BTC-USD"), (best.BuyAt, best.SellAt));
        Assert.Equal(100_010m * 0.999m, best.BuyAskUsd);
        double gross = (double)((100_200m - 100_010m * 0.999m) / (100_010m * 0.999m)) * 1e4;
        Assert.Equal(gross, best.GrossBps, 6);
        Assert.Equal(70, best.FeesBps);
        Assert.Equal(gross - 70, best.NetBps, 6);
        Assert.True(best.NetBps < 0); // ~29 bps apart is no arbitrage after 70 bps of fees
    }

    [Fact]
    public void Arbitrage_needs_two_venues()
    {
        var one = new[] { new ArbitrageScanner.Quote(Instrument.TryParse("binance:BTCUSDT")!, 1m, 2m), new ArbitrageScanner.Quote(Instrument.TryParse("binance:BTCUSDC")!, 1m, 2m) };
        ArbitrageView view = ArbitrageScanner.Scan("BTC", one, new Dictionary<string, decimal> { ["USDT"] = 1m, ["USDC"] = 1m }, _ => 10);
        Assert.StartsWith("needs two venues", view.Unavailable);
        Assert.Empty(view.Opportunities);
    }

    [Fact]
    public void A_quote_currency_without_a_usd_rate_is_not_compared()
    {
        var quotes = new[] { new ArbitrageScanner.Quote(Instrument.TryParse("binance:BTCEUR")!, 1m, 2m), new ArbitrageScanner.Quote(Instrument.TryParse("coinbase:BTC-USD")!, 1m, 2m) };
        ArbitrageView view = ArbitrageScanner.Scan("BTC", quotes, new Dictionary<string, decimal> { ["USD"] = 1m }, _ => 10);
        Assert.Contains("known USD rate", view.Unavailable);
    }
}
