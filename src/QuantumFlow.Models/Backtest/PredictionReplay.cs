using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Backtest;

/// <summary>
/// The live prediction path without actors, for backtests: one book's market events in, in journal order, and the
/// prediction made right after each out, through the same <see cref="BookPredictor"/> the prediction actor runs.
/// Batch models are called synchronously, one window at a time, so no vector ever waits; by
/// <see cref="SymbolPredictor"/>'s rule the result equals the live one whenever each model's answer for a window
/// does not depend on the batch it ran in (true of the shipped Torch checkpoints, tested).
/// </summary>
public sealed class PredictionReplay
{
    private readonly BookPredictor _book;
    private readonly SymbolPredictor _predictor;
    private readonly IReadOnlyList<IProbabilisticModel> _models;

    /// <param name="book">Built with copyWindows false: models read the window before the next event moves it.</param>
    public PredictionReplay(BookPredictor book)
    {
        ArgumentNullException.ThrowIfNull(book);
        _book = book;
        _predictor = book.Predictor;
        _models = book.BatchModels;
    }

    public BookPredictor Book => _book;

    /// <summary>Events applied so far.</summary>
    public long Events { get; private set; }

    /// <summary>Predictions made so far.</summary>
    public long Predictions { get; private set; }

    /// <summary>Applies one event; the prediction it caused, or null (no book change, invalid book).</summary>
    public CompletedPrediction? Step(MarketEvent e)
    {
        Events++;
        if (_book.Apply(e) is not { } vector) return null;
        if (_predictor.Observe(vector) is not { } pending) return null;
        CompletedPrediction? done = pending.IsComplete ? _predictor.Finish(pending) : null;
        for (int slot = 0; done is null && slot < _models.Count; slot++)
        {
            done = _predictor.Complete(pending.Sequence, slot, _models[slot].Predict(pending.Window!));
        }
        Predictions++;
        return done ?? throw new InvalidOperationException($"prediction {pending.Sequence} was not completed by its {_models.Count} models");
    }

    /// <summary>
    /// The steps of a stream of one book's events. With <paramref name="everyEvent"/> false only the steps that carry a
    /// prediction are yielded (a strategy that only acts on predictions need not see the rest).
    /// </summary>
    public IEnumerable<ReplayStep> Run(IEnumerable<MarketEvent> events, bool everyEvent = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (MarketEvent e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CompletedPrediction? p = Step(e);
            if (p is not null || everyEvent) yield return new ReplayStep(e, p);
        }
    }
}
