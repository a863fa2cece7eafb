using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Host.Backtest;

/// <summary>
/// INTERIM, to delete at merge: a stand-in for the replay side of issue 6 (ReplaySources.Create, built in the replay
/// worktree) so the backtest verb runs before it lands. Recording files only, decoded as the replay feed decodes them,
/// through one book's <see cref="FeatureReplica"/> and a <see cref="SymbolPredictor"/> with the default online
/// Bayesian learners (as `run` configures them), no trained models. At merge, BacktestCommand.OpenSource calls
/// ReplaySources.Create instead and this file goes.
/// </summary>
internal sealed class InterimReplaySource : IReplaySource
{
    private readonly IReadOnlyList<string> _paths;
    private readonly string? _bookId;

    public InterimReplaySource(IReadOnlyList<string> paths, string? bookId)
    {
        if (paths.Count == 0) throw new ArgumentException("no recording files given", nameof(paths));
        foreach (string p in paths)
        {
            if (!File.Exists(p)) throw new ArgumentException($"recording not found: {p}", nameof(paths));
        }
        _paths = paths;
        _bookId = bookId;
    }

    public string Description => $"recordings {string.Join(", ", _paths.Select(Path.GetFileName))} (Bayesian learners)";

    public long? EstimatedEvents => null;

    public IEnumerable<ReplayStep> Steps(CancellationToken cancellationToken)
    {
        using IRecordingReader reader = RecordingFormat.Open(_paths);
        var decoder = new FeedDecoder(reader.Venue);
        var events = new List<MarketEvent>();
        var options = new PredictionOptions();
        string? book = _bookId;
        FeatureReplica? features = null;
        SymbolPredictor? predictor = null;
        while (reader.TryRead(out RecordedPayload p))
        {
            cancellationToken.ThrowIfCancellationRequested();
            events.Clear();
            try
            {
                if (p.Kind == PayloadKind.Connected) decoder.OnConnected(p.ReceiveTimeNs, "reconnected", events);
                else decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, events);
            }
            catch (MarketDataException)
            {
                continue; // a bad line: the live feed skips it too
            }
            foreach (MarketEvent e in events)
            {
                book ??= e.BookId;
                if (e.BookId != book) continue;
                if (features is null)
                {
                    features = new FeatureReplica(e.Venue, e.Symbol, options.Features);
                    predictor = new SymbolPredictor(features.Engine.Schema, [.. options.Learners.Select(o => new DirichletStateModel(o))], [], 1,
                        options.Labels, options.Ensemble);
                }
                CompletedPrediction? prediction = null;
                if (features.Apply(e) is { } vector && predictor!.Observe(vector) is { } pending) prediction = predictor.Finish(pending);
                yield return new ReplayStep(e, prediction);
            }
        }
    }
}
