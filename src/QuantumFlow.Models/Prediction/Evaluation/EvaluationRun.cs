using System.Collections.Immutable;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.Recording;

using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// The evaluate verb's data: each recording replayed through the prediction path `run` and `backtest` use
/// (<see cref="RecordingReplaySource"/> and the caller's <see cref="PredictionReplay"/> per book: the same predictor,
/// exported networks, learners, ensemble and labeler), every book of it a market, each prediction scored with the
/// label the predictor itself resolved. Nothing here predicts or labels on its own.
/// </summary>
public static class EvaluationRun
{
    /// <summary>
    /// The examples of every book of every session: a file, or files of consecutive days of one capture
    /// (<see cref="RecordingSessions"/>), read as one stream as the replay feed reads them.
    /// </summary>
    /// <param name="replay">One book's replay, built as the live node builds its predictor.</param>
    /// <param name="maxBatch">Predictions a book may let wait for one batched call per model (<see cref="PredictionReplay.Push"/>; same bits either way).</param>
    /// <param name="members">The predictor's models in the order of <see cref="EvaluationExample.PerModel"/>.</param>
    /// <param name="inputScaler">The checkpoints' scaler: each market reports how often each input sat on its clip (null: not counted).</param>
    /// <exception cref="Venues.MarketDataException">a file is not a recording.</exception>
    public static List<MarketExamples> Collect(IReadOnlyList<string> paths, Func<Venue, string, PredictionReplay> replay, int maxBatch,
        ImmutableArray<string> baselineFeatures, out ModelInfo[] members, CancellationToken cancellationToken = default, Scaler? inputScaler = null)
    {
        var markets = new List<MarketExamples>();
        members = [];
        foreach (List<string> session in RecordingSessions.Group(paths))
        {
            var books = new Dictionary<string, (ExampleCollector Collector, PredictionReplay Replay, InputClipCounter? Clips)>(StringComparer.Ordinal);
            var source = new RecordingReplaySource(session, RecordingReplaySource.AllBooks, (venue, symbol) =>
            {
                PredictionReplay book = replay(venue, symbol);
                var collector = new ExampleCollector(baselineFeatures);
                InputClipCounter? clips = inputScaler is null ? null : new InputClipCounter(inputScaler);
                book.VectorObserved = clips is null ? collector.Capture : v => { collector.Capture(v); clips.Observe(v); };
                books[$"{venue.Id()}:{symbol}"] = (collector, book, clips);
                return book;
            }, everyEvent: false, maxBatch: maxBatch);
            foreach (ReplayStep step in source.Steps(cancellationToken))
            {
                if (step.Prediction is { } p) books[step.Event.BookId].Collector.Add(p);
            }
            foreach ((string book, (ExampleCollector collector, PredictionReplay bookReplay, InputClipCounter? clips)) in books)
            {
                members = [.. bookReplay.Book.Predictor.Models];
                markets.Add(new MarketExamples($"{string.Join('+', session.Select(Path.GetFileName))} {book}", collector.Examples, [.. bookReplay.Book.Predictor.Ensemble.Weights])
                {
                    InputClips = clips?.Shares() ?? [],
                });
            }
        }
        return markets;
    }
}
