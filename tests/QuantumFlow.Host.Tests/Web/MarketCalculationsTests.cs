using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Web;
using QuantumFlow.Host.Web.Market;
using QuantumFlow.Models.Labels;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>The host's pure calculations: outcome resolution, the paper strategy, instruments and cross-venue arbitrage.</summary>
public sealed class MarketCalculationsTests
{
    private static PredictionEvent Prediction(long seq, LabelClass predicted, double confidence = 0.6, long timeNs = 0, params Label[] resolved) =>
        new("binance:BTCUSDT", seq, timeNs, timeNs, [new ModelOutput("m", "v1", 1, 0.1, 0.2, 0.7)],
            predicted == LabelClass.Down ? confidence : 0.1, predicted == LabelClass.Flat ? confidence : 0.1, predicted == LabelClass.Up ? confidence : 0.1,
            predicted, confidence, 1000) { Resolved = [.. resolved] };

    [Fact]
    public void A_prediction_resolves_with_the_label_the_predictor_published_not_one_derived_from_mids()
    {
        var history = new PredictionHistory(capacity: 100);
        Assert.Empty(history.Observe(Prediction(1, LabelClass.Up), 100.0));
        Assert.Empty(history.Observe(Prediction(10, LabelClass.Up), 100.05));
        // The published mid moved +10 bps, but the predictor's label (its own mid at the horizon and threshold) says FLAT.
        IReadOnlyList<PredictionRecord> resolved = history.Observe(
            Prediction(11, LabelClass.Down, resolved: new Label(1, 0, LabelClass.Flat, 0.4, 0.5, 100.004)), 100.1);
        PredictionRecord r = Assert.Single(resolved);
        Assert.Equal(1, r.Sequence);
        Assert.Equal(0.4, r.ReturnBps!.Value, 9);
        Assert.Equal(100.004, r.MidAtHorizon!.Value, 9);
        Assert.Equal(LabelClass.Flat, r.Outcome);
        Assert.False(r.Hit);
        Assert.Equal(1, history.ResolvedCount);
        // The newest first; the resolved record replaced the pending one.
        Assert.Equal([11L, 10L, 1L], history.Recent(10).Select(x => x.Sequence));
        Assert.True(history.Recent(10)[2].Resolved);
        Assert.False(history.Recent(10)[1].Resolved);
    }

    [Fact]
    public void Labels_of_predictions_never_kept_or_already_resolved_are_ignored()
    {
        var history = new PredictionHistory(capacity: 100);
        history.Observe(Prediction(5, LabelClass.Up), 100);
        Assert.Single(history.Observe(Prediction(6, LabelClass.Up, resolved: [new Label(4, 0, LabelClass.Up, 9, 1, 100.09), new Label(5, 0, LabelClass.Up, 9, 1, 100.09)]), 100));
        Assert.Empty(history.Observe(Prediction(7, LabelClass.Up, resolved: new Label(5, 0, LabelClass.Down, -9, 1, 99.91)), 100));
        Assert.Equal(LabelClass.Up, history.Recent(10).Single(r => r.Sequence == 5).Outcome);
    }

    [Fact]
    public void History_stays_bounded()
    {
        var history = new PredictionHistory(capacity: 5);
        for (int i = 0; i < 50; i++) history.Observe(Prediction(i, LabelClass.Up), 100);
        Assert.Equal(5, history.Count);
        Assert.Equal(49, history.Recent(1)[0].Sequence);
        // A label for a record that fell out of the window resolves nothing.
        Assert.Empty(history.Observe(Prediction(50, LabelClass.Up, resolved: new Label(3, 0, LabelClass.Up, 9, 1, 100.09)), 100));
    }

    [Fact]
    public void Paper_strategy_follows_confident_directional_predictions_net_of_fees_on_both_legs()
    {
        var paper = new PaperStrategy(minConfidence: 0.5, takerFeeBps: 5);
        var up = new PredictionRecord(1, 0, LabelClass.Up, 0.6, 0.2, 0.2, 0.6, [], 100, LabelClass.Up, ReturnBps: 12);
        var down = new PredictionRecord(2, 0, LabelClass.Down, 0.7, 0.7, 0.2, 0.1, [], 100, LabelClass.Up, ReturnBps: 3);
        var flat = up with { Predicted = LabelClass.Flat };
        var unsure = up with { Confidence = 0.4 };
        Assert.True(paper.OnResolved(up));
        Assert.True(paper.OnResolved(down));
        Assert.False(paper.OnResolved(flat));
        Assert.False(paper.OnResolved(unsure));
        Assert.Equal(2, paper.Trades);
        Assert.Equal(0.5, paper.HitRate);
        Assert.Equal(12 - 3, paper.GrossPnlBps, 9);
        Assert.Equal(20, paper.FeesBps, 9);
        Assert.Equal(-11, paper.NetPnlBps, 9);
    }

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

    [Fact]
    public void Arbitrage_converts_quotes_to_usd_and_charges_both_taker_fees()
    {
        var options = new WebOptions
        {
            TakerFeeBps = new Dictionary<string, double> { ["binance"] = 10, ["coinbase"] = 60 },
            QuoteUsdRates = new Dictionary<string, decimal> { ["USD"] = 1m, ["USDT"] = 0.999m },
        };
        var quotes = new[]
        {
            new ArbitrageScanner.Quote(Instrument.TryParse("binance:BTCUSDT")!, 100_000m, 100_010m),
            new ArbitrageScanner.Quote(Instrument.TryParse("coinbase:BTC-USD")!, 100_200m, 100_210m),
        };
        ArbitrageView view = ArbitrageScanner.Scan("BTC", quotes, options);
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
        ArbitrageView view = ArbitrageScanner.Scan("BTC", one, new WebOptions());
        Assert.StartsWith("needs two venues", view.Unavailable);
        Assert.Empty(view.Opportunities);
    }
}
