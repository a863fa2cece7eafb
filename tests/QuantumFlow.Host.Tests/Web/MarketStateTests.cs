using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Web;
using QuantumFlow.Host.Web.Market;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Outcomes;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>The host's projection hands the node's published predictions and their labels to the outcome tracking (tested on its own in QuantumFlow.Models.Tests).</summary>
public sealed class MarketStateTests
{
    private sealed class NoSink : IPushSink
    {
        public void Offer(string symbol, string kind, object payload)
        {
        }
    }

    private const string Entity = "binance:BTCUSDT";

    private static PredictionEvent Prediction(long seq, LabelClass predicted, params Label[] resolved) =>
        new(Entity, seq, seq * 1_000_000, seq * 1_000_000, [new ModelOutput("m", "v1", 1, 0.1, 0.2, 0.7)],
            predicted == LabelClass.Down ? 0.6 : 0.2, predicted == LabelClass.Flat ? 0.6 : 0.2, predicted == LabelClass.Up ? 0.6 : 0.2,
            predicted, 0.6, 1000) { Resolved = [.. resolved] };

    [Fact]
    public void A_published_prediction_is_kept_and_resolved_by_the_labels_a_later_one_carries()
    {
        var market = new MarketState(LabelOptions.Trading, new WebOptions());
        market.Apply(Prediction(1, LabelClass.Up), new NoSink());
        market.Apply(Prediction(2, LabelClass.Down, new Label(1, 0, LabelClass.Up, 7, 1, 100.07)), new NoSink());

        SymbolState s = market.Find(Entity)!;
        Assert.Equal([2L, 1L], s.History.Recent(10).Select(r => r.Sequence));
        PredictionRecord first = s.History.Recent(10)[1];
        Assert.Equal((LabelClass.Up, 7.0), (first.Outcome, first.ReturnBps));
        Assert.Equal("m", Assert.Single(first.Models).Name);
        Assert.Equal((1L, 1L), market.HitRates()[ModelHitRates.Ensemble]);
        Assert.Equal(1, s.Paper.Trades);
    }
}
