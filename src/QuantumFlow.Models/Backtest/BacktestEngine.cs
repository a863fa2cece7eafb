using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Backtest.Metrics;
using QuantumFlow.Models.Backtest.Strategies;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Backtest;

/// <summary>
/// Runs replay steps through one book replica (the venue's own sync rules, as live) and, for each strategy, an
/// execution simulator with its own orders and account. Per step: every simulator sees the event before it is applied
/// (orders whose arrival has passed execute on the book as it was; trades reach resting orders), the book applies it,
/// the simulators update queue positions, P&amp;L is sampled on the fixed clock, and then each strategy decides on the
/// book and prediction of this step. Strategies never see a later step than the one they decide on.
/// </summary>
public sealed class BacktestEngine
{
    private readonly BacktestOptions _options;
    private readonly List<StrategyRun> _runs = new();
    private readonly List<IStrategy> _strategies;
    private readonly SignalScorer _signal;
    private readonly List<MidSample> _mid = new();
    private BookReplica? _replica;
    private string? _bookId;
    private long _nextSampleNs = long.MinValue;
    private decimal _lastMid;
    private long _startNs = -1, _endNs;

    public BacktestEngine(BacktestOptions options, IReadOnlyList<IStrategy> strategies)
    {
        options.Validate();
        if (strategies.Count == 0) throw new ArgumentException("no strategy to run", nameof(strategies));
        if (strategies.Select(s => s.Name).Distinct().Count() != strategies.Count) throw new ArgumentException("strategy names must be distinct", nameof(strategies));
        _options = options;
        _strategies = [.. strategies];
        _bookId = options.BookId;
        _signal = new SignalScorer();
    }

    public IReadOnlyList<StrategyRun> Runs => _runs;
    /// <summary>Events inside the trading window.</summary>
    public long Events { get; private set; }
    public long Predictions { get; private set; }
    /// <summary>Steps of other books or after the trading window, not traded.</summary>
    public long Skipped { get; private set; }

    /// <summary>The traded signal's resolved predictions, with the predictor's labels.</summary>
    public SignalScorer Signal => _signal;

    /// <summary>Runs the steps; <paramref name="progress"/> is called every 4096 steps with the count so far.</summary>
    public void Run(IEnumerable<ReplayStep> steps, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        long n = 0;
        foreach (ReplayStep step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step(step);
            if (progress is not null && (++n & 4095) == 0) progress(n);
        }
        progress?.Invoke(n);
    }

    public void Step(ReplayStep step)
    {
        MarketEvent e = step.Event;
        if (_replica is null)
        {
            _bookId ??= e.BookId;
            if (e.BookId != _bookId)
            {
                Skipped++;
                return;
            }
            _replica = new BookReplica(e.Venue, e.Symbol);
            foreach (IStrategy s in _strategies)
            {
                var sim = new ExecutionSimulator(_replica.Book, _options.Costs);
                _runs.Add(new StrategyRun(s, sim, new StrategyContext(sim, _replica.Book, _options.Capital)));
            }
        }
        else if (e.BookId != _bookId)
        {
            Skipped++;
            return;
        }
        long now = e.ReceiveTimeNs;
        if (now >= _options.TradeToNs)
        {
            Skipped++;
            return;
        }
        bool trading = now >= _options.TradeFromNs;
        if (trading)
        {
            Events++;
            if (_startNs < 0) _startNs = now;
            _endNs = Math.Max(_endNs, now);
            Sample(now);
        }

        foreach (StrategyRun run in _runs) run.Simulator.BeforeEvent(e);
        try
        {
            _replica.Apply(e);
        }
        catch (MarketDataException)
        {
            // The live book refused this event too (a crossed snapshot): nothing changed.
        }
        foreach (StrategyRun run in _runs) run.Simulator.AfterEvent(e);
        if (e is FeedGap) _signal.Reset();

        var book = _replica.Book;
        if (book.IsValid) _lastMid = book.Mid;
        if (step.Prediction is { } p) _signal.Observe(p, scored: trading);
        if (!trading) return;
        if (step.Prediction is not null) Predictions++;
        foreach (StrategyRun run in _runs)
        {
            run.Context.Step = step;
            run.Strategy.OnStep(run.Context);
        }
    }

    /// <summary>The rows, curves and signal quality; call once the steps are done.</summary>
    public BacktestResult Finish(string description)
    {
        if (_lastMid > 0) Record(_endNs);
        double period = _options.SamplePeriodNs / 1e9;
        var rows = _runs.Select(r => PerformanceMetrics.Compute(r.Strategy.Name, r.Simulator.Account, r.Simulator, r.Samples, _options.Capital, period,
            r.Strategy is ExecutionStrategy x ? x.ArrivalMid : null)).ToList();
        return new BacktestResult(description, _bookId ?? "", Math.Max(0, _startNs), _endNs, Events, Predictions, _options,
            PerformanceMetrics.Deflate(rows, _strategies.OfType<ExecutionStrategy>().Select(x => x.Name).ToHashSet()), [.. _runs.Select(r => new StrategyCurve(r.Strategy.Name, r.Samples, r.Simulator.Fills))],
            _mid, _signal.Report("ensemble"), SignalEdge.Of(_signal.Examples, 2 * (_options.Costs.TakerBps + _options.Costs.SlippageBps)));
    }

    /// <summary>Samples every strategy at each clock tick up to <paramref name="now"/>, marked to the last valid mid before it.</summary>
    private void Sample(long now)
    {
        if (_lastMid <= 0) return;
        long period = _options.SamplePeriodNs;
        if (_nextSampleNs == long.MinValue) _nextSampleNs = (now / period + 1) * period;
        while (_nextSampleNs <= now)
        {
            Record(_nextSampleNs);
            _nextSampleNs += period;
        }
    }

    private void Record(long timeNs)
    {
        if (_mid.Count > 0 && _mid[^1].TimeNs >= timeNs) return;
        _mid.Add(new MidSample(timeNs, _lastMid));
        foreach (StrategyRun run in _runs)
        {
            Account a = run.Simulator.Account;
            run.Samples.Add(new EquitySample(timeNs, _lastMid, a.NetPnl(_lastMid), a.GrossPnl(_lastMid), a.Position));
        }
    }
}
