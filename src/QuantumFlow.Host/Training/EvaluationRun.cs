using System.Collections.Immutable;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Backtest;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Baselines;
using QuantumFlow.Models.Prediction.Evaluation;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.Recording;

namespace QuantumFlow.Host.Training;

/// <summary>
/// The evaluate verb's data: each recording replayed through the prediction path `run` and `backtest` use
/// (<see cref="RecordingReplaySource"/> and <see cref="ReplaySources.Replay"/>, the same predictor, exported
/// networks, learners, ensemble and labeler), every book of it a market, each prediction scored with the label the
/// predictor itself resolved. Nothing here predicts or labels on its own.
/// </summary>
public static class EvaluationRun
{
    /// <summary>
    /// The examples of every book of every session: a file, or files of consecutive days of one capture
    /// (<see cref="RecordingSessions"/>), read as one stream as the replay feed reads them.
    /// </summary>
    /// <param name="members">The predictor's models in the order of <see cref="EvaluationExample.PerModel"/>.</param>
    /// <exception cref="Models.Venues.MarketDataException">a file is not a recording.</exception>
    /// <param name="inputScaler">The checkpoints' scaler: each market reports how often each input sat on its clip (null: not counted).</param>
    public static List<MarketExamples> Collect(IReadOnlyList<string> paths, PredictionOptions prediction, ImmutableArray<string> baselineFeatures,
        out string[] members, CancellationToken cancellationToken = default, Scaler? inputScaler = null)
    {
        var markets = new List<MarketExamples>();
        members = [];
        foreach (List<string> session in RecordingSessions.Group(paths))
        {
            var books = new Dictionary<string, (ExampleCollector Collector, PredictionReplay Replay, InputClipCounter? Clips)>(StringComparer.Ordinal);
            var source = new RecordingReplaySource(session, RecordingReplaySource.AllBooks, (venue, symbol) =>
            {
                PredictionReplay replay = ReplaySources.Replay(prediction, venue, symbol);
                var collector = new ExampleCollector(baselineFeatures);
                InputClipCounter? clips = inputScaler is null ? null : new InputClipCounter(inputScaler);
                replay.VectorObserved = clips is null ? collector.Capture : v => { collector.Capture(v); clips.Observe(v); };
                books[BookId.Of(venue, symbol)] = (collector, replay, clips);
                return replay;
            }, everyEvent: false, maxBatch: ReplaySources.ModelBatch);
            foreach (ReplayStep step in source.Steps(cancellationToken))
            {
                if (step.Prediction is { } p) books[step.Event.BookId].Collector.Add(p);
            }
            foreach ((string book, (ExampleCollector collector, PredictionReplay replay, InputClipCounter? clips)) in books)
            {
                members = [.. replay.Book.Predictor.Models.Select(m => m.Name)];
                markets.Add(new MarketExamples($"{string.Join('+', session.Select(Path.GetFileName))} {book}", collector.Examples, [.. replay.Book.Predictor.Ensemble.Weights])
                {
                    InputClips = clips?.Shares() ?? [],
                });
            }
        }
        return markets;
    }

    /// <summary>The baselines fit on other recordings (the training data): the logistic on its inputs, and the majority class.</summary>
    public static List<(string Name, string FitOn, Func<EvaluationExample, ClassProbabilities> Predict)> FitBaselines(
        IReadOnlyList<MarketExamples> fitData, ImmutableArray<string> baselineFeatures, string fitOn)
    {
        List<EvaluationExample> all = [.. fitData.SelectMany(m => m.Examples)];
        if (all.Count == 0) throw new ArgumentException($"no labelled predictions in the baseline data ({fitOn})");
        var majority = new MajorityClassModel(all.Select(e => e.Label));
        var logistic = LogisticRegressionModel.Fit(baselineFeatures, [.. all.Select(e => e.BaselineInputs)], [.. all.Select(e => e.Label)]);
        int[] map = logistic.Scaler.Bind(baselineFeatures);
        return
        [
            ("majority (baseline data)", fitOn, _ => majority.Probabilities),
            ("logistic (baseline data)", fitOn, e => logistic.PredictRow(e.BaselineInputs, map)),
        ];
    }
}
