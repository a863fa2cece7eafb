using QuantumFlow.Actors.Backtest;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Training;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Backtest;

/// <summary>
/// Builds a backtest's <see cref="IReplaySource"/>: recordings or a journal, run through the prediction setup
/// `quantumflow run` would use (the same checkpoints, label and learners, or the learners alone).
/// </summary>
public static class ReplaySources
{
    /// <summary>
    /// Predictions a book may let wait for one batched call per model (never past a label; same bits either way).
    /// 1: the exported networks `run` predicts with compute each window alone, so batching would only add window
    /// copies; a model with a real batched forward pass (the Torch modules: 7x faster at 64) would raise it.
    /// </summary>
    public const int ModelBatch = 1;

    /// <exception cref="ArgumentException">a journal without a book id, an id that is not venue:symbol, no recordings.</exception>
    public static IReplaySource Create(ReplaySourceOptions o, TextWriter? log = null) => Create(o, Prediction(o, log ?? TextWriter.Null));

    /// <summary>The replay of <paramref name="o"/>'s input through an already loaded prediction setup.</summary>
    public static IReplaySource Create(ReplaySourceOptions o, PredictionOptions prediction)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(prediction);
        long from = o.From?.ToUnixTimeMilliseconds() * 1_000_000 ?? long.MinValue;
        long to = o.To?.ToUnixTimeMilliseconds() * 1_000_000 ?? long.MaxValue;
        if (o.EntityId is not null && !BookId.TryParse(o.EntityId, out _, out _))
            throw new ArgumentException($"'{o.EntityId}' is not a book id (venue:symbol, e.g. binance-usdm:BTCUSDT)", nameof(o));
        switch (o.Input)
        {
            case ReplayInput.Journal:
                if (o.EntityId is null || !BookId.TryParse(o.EntityId, out Venue venue, out string? s))
                    throw new ArgumentException("a journal replay needs the book id (venue:symbol)", nameof(o));
                return new JournalReplaySource(o.Journal, o.EntityId, Replay(prediction, venue, s), from, to, o.EveryEvent, ModelBatch);
            case ReplayInput.Recordings:
                if (o.Paths.Count == 0) throw new ArgumentException("no recording files given", nameof(o));
                foreach (string p in o.Paths)
                {
                    if (!File.Exists(p)) throw new ArgumentException($"recording not found: {p}", nameof(o));
                }
                return new RecordingReplaySource(o.Paths, o.EntityId, (v, sym) => Replay(prediction, v, sym), o.EveryEvent, from, to, ModelBatch);
            default:
                throw new ArgumentException($"unknown input {o.Input}", nameof(o));
        }
    }

    /// <summary>
    /// The prediction options `run` would use: learners plus the checkpoints, under the checkpoints' label. Bayesian
    /// only drops the networks and keeps their label, so the learners learn the label the signal is scored on.
    /// </summary>
    public static PredictionOptions Prediction(ReplaySourceOptions o, TextWriter log)
    {
        PredictionOptions prediction = PredictionModels.Attach(new NodeOptions(), o.ModelsDirectory, log).Prediction;
        return o.BayesianOnly ? prediction with { TrainedModels = [] } : prediction;
    }

    /// <summary>One book's replay, built as the live actor builds its predictor (window copies only for batched model calls).</summary>
    public static PredictionReplay Replay(PredictionOptions prediction, Venue venue, string symbol) =>
        new(prediction.CreatePredictor(venue, symbol, copyWindows: ModelBatch > 1));
}
