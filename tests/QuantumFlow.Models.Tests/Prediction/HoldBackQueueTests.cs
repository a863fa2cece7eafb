using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Prediction;

/// <summary>
/// The hold-back queue without actors, on the shipped sample: a batch model that answers long after the label horizon
/// delays predictions and changes none, book input waits its turn, and the features handed out are the predictor's.
/// </summary>
public sealed class HoldBackQueueTests
{
    private static readonly LabelOptions Labels = LabelOptions.Default with { Horizon = 10, ThresholdBps = 0.5 };

    /// <summary>An answer that is a pure function of the window, so a wrong or late-filled window shows.</summary>
    private sealed class WindowModel : IProbabilisticModel
    {
        public string Name => "window";
        public string Version => "test";
        public int WindowLength => 6;
        public ClassProbabilities Predict(FeatureWindow w) =>
            ClassProbabilities.Softmax(Math.Sin(w.Recent(Math.Min(5, w.Count - 1))[3] * 5), Math.Cos(w.Latest[5] * 3), 0.05 * w.Count);
    }

    /// <summary>Keeps everything the queue hands out; the test answers the asks when it chooses.</summary>
    private sealed class Outlet : IHoldBackOutlet
    {
        public List<(long Sequence, double[] Values)> Features { get; } = [];
        /// <summary>What a model actor is sent: the sequence and the window copy (the pending prediction itself is reused once dropped or labeled).</summary>
        public Queue<(long Sequence, FeatureWindow Window)> Asks { get; } = new();
        public List<(CompletedPrediction Prediction, long Tag)> Predictions { get; } = [];

        public void OnFeatures(FeatureVector vector, bool replaying) => Features.Add((vector.Sequence, vector.Values.ToArray()));
        public void OnAsk(PendingPrediction pending) => Asks.Enqueue((pending.Sequence, pending.Window!));
        public void OnPrediction(CompletedPrediction prediction, long tag, bool replaying) => Predictions.Add((prediction, tag));
        public void OnCheckpoint(long id, byte[]? state) => Checkpoints.Add((id, state));
        public void OnRestored(string? problem) => Restored.Add(problem);
        public List<(long Id, byte[]? State)> Checkpoints { get; } = [];
        public List<string?> Restored { get; } = [];
    }

    private static BookPredictor Book(IProbabilisticModel model, bool copyWindows) =>
        new(Venue.BinanceUsdm, "BTCUSDT", FeatureOptions.Default, [DirichletStateOptions.Default], [model], Labels, EnsembleOptions.Default, copyWindows);

    /// <summary>Answers the oldest ask (its window was copied when asked: answering late sees what it would have seen at once).</summary>
    private static void AnswerOldest(HoldBackQueue queue, Outlet outlet, WindowModel model)
    {
        (long sequence, FeatureWindow window) = outlet.Asks.Dequeue();
        queue.Answer(sequence, 0, model.Predict(window));
    }

    /// <summary>The same input with every model answering at once: what the queue must reproduce, however late the answers.</summary>
    private static (List<(long, double[])> Features, List<CompletedPrediction> Predictions) AtOnce(IEnumerable<(MarketEvent? Event, BookSnapshot? Restore)> input)
    {
        var model = new WindowModel();
        BookPredictor book = Book(model, copyWindows: false);
        var features = new List<(long, double[])>();
        var predictions = new List<CompletedPrediction>();
        foreach ((MarketEvent? e, BookSnapshot? restore) in input)
        {
            if (restore is not null)
            {
                book.Restore(restore);
                continue;
            }
            if (book.Apply(e!) is not { } v) continue;
            features.Add((v.Sequence, v.Values.ToArray()));
            if (book.Predictor.Observe(v) is not { } pending) continue;
            predictions.Add(pending.IsComplete ? book.Predictor.Finish(pending) : book.Predictor.Complete(pending.Sequence, 0, model.Predict(pending.Window!))!);
        }
        return (features, predictions);
    }

    private static void AssertSame(IReadOnlyList<CompletedPrediction> expected, IReadOnlyList<CompletedPrediction> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            CompletedPrediction a = expected[i], b = actual[i];
            Assert.Equal(a.Sequence, b.Sequence);
            Assert.Equal(a.PerModel.ToArray(), b.PerModel.ToArray());
            Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
            Assert.True(a.Ensemble == b.Ensemble, $"prediction {a.Sequence}: {a.Ensemble} vs {b.Ensemble}");
            Assert.Equal(a.Resolved.ToArray(), b.Resolved.ToArray());
        }
    }

    [Fact]
    public void Answers_long_after_the_horizon_delay_predictions_but_change_none()
    {
        List<MarketEvent> events = TestData.SampleEvents(12_000);
        var model = new WindowModel();
        var outlet = new Outlet();
        var queue = new HoldBackQueue(Book(model, copyWindows: true), outlet);
        int holds = 0, maxQueued = 0, heldFor = 0, featuresAtHold = 0;
        for (int i = 0; i < events.Count; i++)
        {
            queue.Event(events[i], replaying: false, tag: i);
            if (!queue.IsHolding) continue;
            if (heldFor++ == 0)
            {
                holds++;
                featuresAtHold = outlet.Features.Count;
            }
            // Held: later events queue, untouched (no feature vector is computed for them).
            Assert.Equal(featuresAtHold, outlet.Features.Count);
            maxQueued = Math.Max(maxQueued, queue.Queued);
            if (heldFor < 5) continue;
            while (outlet.Asks.Count > 0) AnswerOldest(queue, outlet, model);
            heldFor = 0;
        }
        while (outlet.Asks.Count > 0) AnswerOldest(queue, outlet, model);
        Assert.False(queue.IsHolding);
        Assert.Equal(0, queue.Queued);
        Assert.True(holds > 20, $"only {holds} holds: the test would prove little");
        Assert.True(maxQueued >= 4, $"at most {maxQueued} events queued");

        (List<(long, double[])> features, List<CompletedPrediction> predictions) = AtOnce(events.Select(e => ((MarketEvent?)e, (BookSnapshot?)null)));
        Assert.True(predictions.Count > 1_000, $"only {predictions.Count} predictions");
        AssertSame(predictions, [.. outlet.Predictions.Select(p => p.Prediction)]);
        Assert.Equal(features.Select(f => f.Item1), outlet.Features.Select(f => f.Sequence));
        // Each prediction comes back with the tag of the event that made it: that event's vector is the one predicted from.
        foreach ((CompletedPrediction p, long tag) in outlet.Predictions)
            Assert.Equal(p.ReceiveTimeNs, events[(int)tag].ReceiveTimeNs);
    }

    [Fact]
    public void The_features_handed_out_are_the_rows_the_predictor_used()
    {
        List<MarketEvent> events = TestData.SampleEvents(4_000);
        var model = new WindowModel();
        var outlet = new Outlet();
        var queue = new HoldBackQueue(Book(model, copyWindows: true), outlet);
        var rows = new Dictionary<long, double[]>();
        foreach (MarketEvent e in events)
        {
            queue.Event(e, replaying: false, tag: 0);
            while (outlet.Asks.Count > 0)
            {
                (long sequence, FeatureWindow window) = outlet.Asks.Peek();
                rows[sequence] = window.Latest.ToArray();
                AnswerOldest(queue, outlet, model);
            }
        }
        Assert.True(rows.Count > 300, $"only {rows.Count} predictions");
        // One engine: every vector once, in order, and each predicted one is exactly the window's newest row.
        Assert.Equal(outlet.Features.Select(f => f.Sequence).Order(), outlet.Features.Select(f => f.Sequence));
        Assert.Equal(outlet.Features.Count, outlet.Features.Select(f => f.Sequence).Distinct().Count());
        foreach ((long sequence, double[] values) in outlet.Features)
        {
            if (rows.TryGetValue(sequence, out double[]? row)) Assert.Equal(row, values);
        }
    }

    [Fact]
    public void A_checkpoint_and_replayed_events_wait_their_turn_behind_a_held_vector()
    {
        List<MarketEvent> events = TestData.SampleEvents(8_000);
        // The checkpoint is the book as it stands where it comes in (what a book actor's snapshot would hold).
        var side = new BookReplica(Venue.BinanceUsdm, "BTCUSDT");
        BookSnapshot? checkpoint = null;
        int restoreAt = 5_000;
        var model = new WindowModel();
        var outlet = new Outlet();
        var queue = new HoldBackQueue(Book(model, copyWindows: true), outlet);
        bool restored = false;
        for (int i = 0; i < events.Count; i++)
        {
            // The checkpoint arrives while a vector is held (the first hold after restoreAt), then recovery's events.
            if (!restored && i >= restoreAt && queue.IsHolding && side.Checkpoint() is { } now)
            {
                checkpoint = now;
                int queued = queue.Queued;
                queue.Restore(checkpoint, state: null);
                Assert.Equal(queued + 1, queue.Queued);
                restored = true;
                restoreAt = i;
            }
            queue.Event(events[i], replaying: false, tag: i);
            try
            {
                side.Apply(events[i]);
            }
            catch (MarketDataException)
            {
                // refused by the book as well
            }
            if (queue.IsHolding && queue.Queued >= 3) while (outlet.Asks.Count > 0) AnswerOldest(queue, outlet, model);
        }
        while (outlet.Asks.Count > 0) AnswerOldest(queue, outlet, model);
        Assert.True(restored, "no hold after the restore point");

        // The answers still out at the restore belong to dropped predictions, whose sequences (high) the book's restarted
        // numbering (from 1) does not reach before they are answered: they complete nothing.
        List<(MarketEvent?, BookSnapshot?)> input = [.. events.Take(restoreAt).Select(e => ((MarketEvent?)e, (BookSnapshot?)null)), (null, checkpoint),
            .. events.Skip(restoreAt).Select(e => ((MarketEvent?)e, (BookSnapshot?)null))];
        (List<(long, double[])> features, List<CompletedPrediction> predictions) = AtOnce(input);
        Assert.Equal(features.Select(f => f.Item1), outlet.Features.Select(f => f.Sequence));
        Assert.Equal(features.Select(f => f.Item2), outlet.Features.Select(f => f.Values));
        // Predictions still waiting for their model when the checkpoint was applied are dropped with the book's other
        // pending state (answers come in order, so those are the last ones before it); everything else is the same.
        List<CompletedPrediction> live = [.. outlet.Predictions.Select(p => p.Prediction)];
        int liveBefore = Before(live), expectedBefore = Before(predictions);
        Assert.InRange(expectedBefore - liveBefore, 0, 50);
        AssertSame(predictions[..liveBefore], live[..liveBefore]);
        AssertSame(predictions[expectedBefore..], live[liveBefore..]);
        Assert.True(live.Count - liveBefore > 100, $"only {live.Count - liveBefore} predictions after the checkpoint");
    }

    [Fact]
    public void A_checkpoint_request_is_answered_in_event_order_and_only_when_no_prediction_waits_for_a_model()
    {
        List<MarketEvent> events = TestData.SampleEvents(6_000);
        var model = new WindowModel();
        var outlet = new Outlet();
        BookPredictor book = Book(model, copyWindows: true);
        var queue = new HoldBackQueue(book, outlet);
        int asked = 0;
        for (int i = 0; i < events.Count; i++)
        {
            queue.Event(events[i], replaying: false, tag: i);
            if (i % 500 != 499) continue;
            // Asked while predictions wait for the model: nothing can be captured yet.
            bool waiting = outlet.Asks.Count > 0;
            queue.Checkpoint(++asked);
            if (queue.IsHolding)
            {
                Assert.DoesNotContain(outlet.Checkpoints, c => c.Id == asked); // behind the held vector, in order
            }
            else
            {
                Assert.Equal(asked, outlet.Checkpoints[^1].Id);
                Assert.Equal(waiting, outlet.Checkpoints[^1].State is null);
            }
            while (outlet.Asks.Count > 0) AnswerOldest(queue, outlet, model);
            // Every answer in: the request behind a held vector has been answered too, and a fresh one captures the state.
            Assert.Equal(asked, outlet.Checkpoints[^1].Id);
            queue.Checkpoint(++asked);
            Assert.Equal(asked, outlet.Checkpoints[^1].Id);
            Assert.NotNull(outlet.Checkpoints[^1].State);
        }
        Assert.True(asked >= 20);
        Assert.Contains(outlet.Checkpoints, c => c.State is null);
    }

    /// <summary>How many predictions come before the checkpoint (the book's numbering starts again after it).</summary>
    private static int Before(List<CompletedPrediction> predictions)
    {
        int i = 1;
        while (i < predictions.Count && predictions[i].Sequence > predictions[i - 1].Sequence) i++;
        return i;
    }
}
