using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Outcomes;

namespace QuantumFlow.Models.Tests.Prediction.Outcomes;

/// <summary>What the web host keeps of predictions: outcome resolution, the paper strategy and the hit rates.</summary>
public sealed class PredictionOutcomeTests
{
    private static PredictionRecord Prediction(long seq, LabelClass predicted, double mid = 100, double confidence = 0.6) =>
        new(seq, 0, predicted, confidence,
            predicted == LabelClass.Down ? confidence : 0.1, predicted == LabelClass.Flat ? confidence : 0.1, predicted == LabelClass.Up ? confidence : 0.1,
            [new ModelOutput("m", "v1", 1, 0.1, 0.2, 0.7)], mid);

    [Fact]
    public void A_prediction_resolves_with_the_label_the_predictor_published_not_one_derived_from_mids()
    {
        var history = new PredictionHistory(capacity: 100);
        Assert.Empty(history.Observe(Prediction(1, LabelClass.Up, mid: 100.0), []));
        Assert.Empty(history.Observe(Prediction(10, LabelClass.Up, mid: 100.05), []));
        // The published mid moved +10 bps, but the predictor's label (its own mid at the horizon and threshold) says FLAT.
        IReadOnlyList<PredictionRecord> resolved = history.Observe(
            Prediction(11, LabelClass.Down, mid: 100.1), [new Label(1, 0, LabelClass.Flat, 0.4, 0.5, 100.004)]);
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
        history.Observe(Prediction(5, LabelClass.Up), []);
        Assert.Single(history.Observe(Prediction(6, LabelClass.Up), [new Label(4, 0, LabelClass.Up, 9, 1, 100.09), new Label(5, 0, LabelClass.Up, 9, 1, 100.09)]));
        Assert.Empty(history.Observe(Prediction(7, LabelClass.Up), [new Label(5, 0, LabelClass.Down, -9, 1, 99.91)]));
        Assert.Equal(LabelClass.Up, history.Recent(10).Single(r => r.Sequence == 5).Outcome);
    }

    [Fact]
    public void History_stays_bounded()
    {
        var history = new PredictionHistory(capacity: 5);
        for (int i = 0; i < 50; i++) history.Observe(Prediction(i, LabelClass.Up), []);
        Assert.Equal(5, history.Count);
        Assert.Equal(49, history.Recent(1)[0].Sequence);
        // A label for a record that fell out of the window resolves nothing.
        Assert.Empty(history.Observe(Prediction(50, LabelClass.Up), [new Label(3, 0, LabelClass.Up, 9, 1, 100.09)]));
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

    [Fact]
    public void Hit_rates_count_every_resolved_prediction_per_model_and_for_the_ensemble_flat_included()
    {
        var rates = new ModelHitRates();
        // The ensemble said FLAT and was right; the member's most likely class (UP) was wrong.
        rates.OnResolved(Prediction(1, LabelClass.Flat) with { Outcome = LabelClass.Flat });
        rates.OnResolved(Prediction(2, LabelClass.Up) with { Outcome = LabelClass.Up });
        rates.OnResolved(Prediction(3, LabelClass.Up)); // not resolved: not counted
        IReadOnlyDictionary<string, (long Hits, long Count)> counts = rates.Snapshot();
        Assert.Equal((2L, 2L), counts[ModelHitRates.Ensemble]);
        Assert.Equal((1L, 2L), counts["m"]);
    }
}
