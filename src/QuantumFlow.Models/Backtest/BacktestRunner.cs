using QuantumFlow.Models.Backtest.Strategies;

namespace QuantumFlow.Models.Backtest;

/// <summary>
/// Runs a replay source through the engine: once over the whole range, or walk-forward. Walk-forward splits the
/// replay's time span into equal parts in time order; fold k tests on part k after the pipeline has run through parts
/// 1..k-1 (the online learners learned from their labels; batch models are fixed checkpoints, so "training" is the
/// learners' warm-up), never the reverse. The steps are held in memory for the folds.
/// </summary>
public static class BacktestRunner
{
    public static BacktestReport Run(IReplaySource source, BacktestOptions options, Func<IReadOnlyList<IStrategy>> strategies,
        bool walkForward, int folds, Action<long>? progress, CancellationToken cancellationToken)
    {
        if (!walkForward)
        {
            var engine = new BacktestEngine(options, strategies());
            engine.Run(source.Steps(cancellationToken), progress, cancellationToken);
            return new BacktestReport(source.Description, DateTimeOffset.UtcNow, false, [engine.Finish(source.Description)]);
        }
        if (folds < 2) throw new ArgumentException($"walk-forward needs at least 2 parts, got {folds}", nameof(folds));
        var steps = new List<ReplayStep>();
        foreach (ReplayStep s in source.Steps(cancellationToken))
        {
            steps.Add(s);
            if (progress is not null && (steps.Count & 4095) == 0) progress(steps.Count);
        }
        progress?.Invoke(steps.Count);
        if (steps.Count == 0) throw new ArgumentException($"nothing to replay in {source.Description}");
        long start = Math.Max(options.TradeFromNs, steps[0].Event.ReceiveTimeNs);
        long end = Math.Min(options.TradeToNs, steps[^1].Event.ReceiveTimeNs + 1);
        var results = new List<BacktestResult>();
        foreach (WalkForwardFold fold in WalkForward.Plan(WalkForward.EqualParts(start, end, folds)))
        {
            var engine = new BacktestEngine(options with { TradeFromNs = fold.Test.StartNs, TradeToNs = fold.Test.EndNs }, strategies());
            foreach (ReplayStep s in steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (s.Event.ReceiveTimeNs >= fold.Test.EndNs) break;
                engine.Step(s);
            }
            results.Add(engine.Finish($"{source.Description}; test {fold.Test.Name} after warming up on {string.Join(", ", fold.Train.Select(t => t.Name))}"));
        }
        return new BacktestReport(source.Description, DateTimeOffset.UtcNow, true, results);
    }
}
