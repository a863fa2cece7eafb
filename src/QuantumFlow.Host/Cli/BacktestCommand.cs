using System.CommandLine;
using System.Globalization;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Host.Backtest;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Backtest.Metrics;
using QuantumFlow.Models.Backtest.Strategies;
using QuantumFlow.Models.Venues;
using Spectre.Console;

namespace QuantumFlow.Host.Cli;

/// <summary>
/// <c>quantumflow backtest</c>: replays recordings (or a node's journal) through the prediction
/// pipeline and the execution simulator, prints a one-screen summary and, with --report, writes report.json and
/// report.html.
/// </summary>
public static class BacktestCommand
{
    /// <summary>What one invocation asks for (the parsed command line).</summary>
    public sealed record Settings
    {
        public string? Journal { get; init; }
        public IReadOnlyList<string> Recordings { get; init; } = [];
        public string? Symbol { get; init; }
        public string? From { get; init; }
        public string? To { get; init; }
        public string Strategy { get; init; } = "all";
        public IReadOnlyList<double> Thresholds { get; init; } = [0.5, 0.6, 0.7];
        public ExecutionCosts Costs { get; init; } = ExecutionCosts.Default;
        public decimal Capital { get; init; } = 100_000m;
        public string? Models { get; init; }
        public bool BayesOnly { get; init; }
        public bool WalkForward { get; init; }
        public int Folds { get; init; } = 4;
        public string? Report { get; init; }
    }

    /// <summary>
    /// Bounds of --folds: every part is a full engine run over its share of the span, held in memory, so the count
    /// is bounded where it stops meaning anything (a part of a few seconds) rather than where memory runs out.
    /// </summary>
    public const int MinFolds = 2, MaxFolds = 100;

    public static Command Create()
    {
        var journal = new Option<string?>("--journal") { Description = "Replay a node's journal: sqlite:PATH, postgres:CONNSTR, or PATH.db (needs --symbol)." };
        var recording = new Option<string[]>("--recording") { Description = "Recording files of one session, in order. Default (no --journal): the shipped sample.", AllowMultipleArgumentsPerToken = true };
        var symbol = new Option<string?>("--symbol") { Description = "The book to trade, venue:symbol (binance-usdm:BTCUSDT). Default: the recording's first book." };
        var from = new Option<string?>("--from") { Description = "Trade from this ISO 8601 time (earlier events still build the book and warm the models)." };
        var to = new Option<string?>("--to") { Description = "Stop at this ISO 8601 time." };
        var strategy = new Option<string>("--strategy") { Description = "taker, maker, execution or all; a no-signal baseline row is always added.", DefaultValueFactory = _ => "all" };
        strategy.AcceptOnlyFromAmong(StrategySet.Choices);
        var thresholds = new Option<double[]>("--threshold") { Description = "Taker confidence thresholds, one row each (every row counts as a trial for the deflated Sharpe).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [0.5, 0.6, 0.7] };
        var takerBps = new Option<double>("--taker-bps") { Description = "Taker fee, bps of notional.", DefaultValueFactory = _ => ExecutionCosts.Default.TakerBps };
        var makerBps = new Option<double>("--maker-bps") { Description = "Maker fee, bps of notional (negative: a rebate).", DefaultValueFactory = _ => ExecutionCosts.Default.MakerBps };
        var fixedFee = new Option<decimal>("--fixed-fee") { Description = "Fixed fee per fill, quote currency.", DefaultValueFactory = _ => 0m };
        var slippage = new Option<double>("--slippage-bps") { Description = "Extra slippage on taker fills, bps of notional, beyond walking the book.", DefaultValueFactory = _ => 0 };
        var latency = new Option<double>("--order-latency-ms") { Description = "Decision to venue, for orders and cancels (feed latency comes from the data).", DefaultValueFactory = _ => ExecutionCosts.Default.OrderLatencyNs / 1e6 };
        var capital = new Option<decimal>("--capital") { Description = "Starting capital (quote currency): scales sizes and returns.", DefaultValueFactory = _ => 100_000m };
        var models = new Option<string?>("--models") { Description = "Checkpoint directory for the trained models (as run --models)." };
        var bayesOnly = new Option<bool>("--bayes-only") { Description = "Only the online Bayesian learners: fast, no checkpoints." };
        var walkForward = new Option<bool>("--walk-forward") { Description = "Split the span into --folds parts in time order; test on each part after warming up on all earlier ones." };
        var folds = new Option<int>("--folds") { Description = $"Walk-forward parts (the first only warms up), {MinFolds} to {MaxFolds}.", DefaultValueFactory = _ => 4 };
        var report = new Option<string?>("--report") { Description = "Write report.json and a self-contained report.html into this directory." };

        var command = new Command("backtest", "Replay market events through the prediction pipeline and an execution simulator (latency, queue position, fees once); metrics, deflated Sharpe, HTML report.");
        foreach (Option o in new Option[] { journal, recording, symbol, from, to, strategy, thresholds, takerBps, makerBps, fixedFee, slippage, latency, capital, models, bayesOnly, walkForward, folds, report })
            command.Options.Add(o);
        command.SetAction((parse, ct) => Task.FromResult(Run(new Settings
        {
            Journal = parse.GetValue(journal),
            Recordings = parse.GetValue(recording) ?? [],
            Symbol = parse.GetValue(symbol),
            From = parse.GetValue(from),
            To = parse.GetValue(to),
            Strategy = parse.GetValue(strategy)!,
            Thresholds = parse.GetValue(thresholds) ?? [0.6],
            Costs = new ExecutionCosts
            {
                TakerBps = parse.GetValue(takerBps),
                MakerBps = parse.GetValue(makerBps),
                FixedFee = parse.GetValue(fixedFee),
                SlippageBps = parse.GetValue(slippage),
                OrderLatencyNs = (long)Math.Round(parse.GetValue(latency) * 1e6),
            },
            Capital = parse.GetValue(capital),
            Models = parse.GetValue(models),
            BayesOnly = parse.GetValue(bayesOnly),
            WalkForward = parse.GetValue(walkForward),
            Folds = parse.GetValue(folds),
            Report = parse.GetValue(report),
        }, AnsiConsole.Console, Console.Error, ct)));
        return command;
    }

    /// <returns>0 done; 2 bad arguments, unreadable input, an unreachable journal, or nothing traded for the book asked
    /// for (said in one line on <paramref name="error"/>).</returns>
    public static int Run(Settings settings, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken = default)
    {
        BacktestReport report;
        try
        {
            if (Problem(settings) is { } problem) return CliErrors.Report(error, problem);
            var options = new BacktestOptions
            {
                Costs = settings.Costs,
                Capital = settings.Capital,
                BookId = settings.Symbol,
                TradeFromNs = Time(settings.From, "--from") ?? long.MinValue,
                TradeToNs = Time(settings.To, "--to") ?? long.MaxValue,
            };
            options.Validate();
            StrategySet.Create(settings.Strategy, settings.Thresholds); // refuse bad choices before replaying anything
            if (settings.Journal is { } journal && JournalCheck.Problem(JournalOf(journal)) is { } unreadable) return CliErrors.Report(error, unreadable);
            if (settings.Report is { } dir && CliErrors.OutputDirectoryProblem("--report", dir) is { } unwritable) return CliErrors.Report(error, unwritable);
            IReplaySource source = OpenSource(settings, error);
            report = WithProgress(console, source, p => BacktestRunner.Run(source, options, () => StrategySet.Create(settings.Strategy, settings.Thresholds),
                settings.WalkForward, settings.Folds, p, cancellationToken));
        }
        catch (Exception e) when (e is ArgumentException or MarketDataException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return CliErrors.Report(error, e);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("stopped: no report written");
            return CliErrors.Stopped;
        }
        if (report.Runs.Count == 0 || report.Runs.All(r => r.Events == 0))
            return CliErrors.Report(error, settings.Symbol is { } wanted
                ? $"--symbol {wanted}: no events for that book in {report.Input}; nothing traded"
                : $"no book in {report.Input}; nothing traded");
        foreach (BacktestResult r in report.Runs) Summary(console, r);
        if (settings.Report is { } reportDir)
        {
            try
            {
                foreach (string file in ReportWriter.Write(report, reportDir)) console.MarkupLine($"wrote [bold]{Markup.Escape(file)}[/]");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CliErrors.Report(error, $"--report {reportDir}: {e.Message}");
            }
        }
        return 0;
    }

    /// <summary>What is wrong with the flags on their own, before any file is opened.</summary>
    private static string? Problem(Settings s)
    {
        if (s.Journal is not null && s.Recordings.Count > 0)
            return "--journal and --recording conflict: replay either a node's journal or recordings, not both";
        if (s.Symbol is { } id && !QuantumFlow.Actors.Books.BookId.TryParse(id, out _, out _))
            return $"--symbol '{id}' is not a book id (venue:symbol, e.g. binance-usdm:BTCUSDT)";
        if (s.WalkForward && s.Folds is < MinFolds or > MaxFolds)
            return $"--folds {s.Folds} is out of range; give {MinFolds} to {MaxFolds}";
        foreach (string path in s.Recordings)
        {
            if (CliErrors.InputFileProblem("--recording", path) is { } problem) return problem;
        }
        return null;
    }

    /// <summary>The replay source: the journal or recordings (default: the shipped sample) through the models `run` uses.</summary>
    private static IReplaySource OpenSource(Settings s, TextWriter error) => ReplaySources.Create(new ReplaySourceOptions
    {
        Input = s.Journal is null ? ReplayInput.Recordings : ReplayInput.Journal,
        Paths = s.Recordings.Count > 0 ? s.Recordings : SampleRecording.Files,
        Journal = s.Journal is null ? JournalOptions.Default : JournalOf(s.Journal),
        EntityId = s.Symbol,
        ModelsDirectory = s.Models,
        BayesianOnly = s.BayesOnly,
    }, error);

    /// <summary>--journal as the node takes it, or a bare PATH.db; a bad one is a usage error, not a crash.</summary>
    private static JournalOptions JournalOf(string text)
    {
        if (!text.Contains(':') && text.EndsWith(".db", StringComparison.OrdinalIgnoreCase)) text = "sqlite:" + text;
        try
        {
            return JournalOptions.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    private static BacktestReport WithProgress(IAnsiConsole console, IReplaySource source, Func<Action<long>?, BacktestReport> run)
    {
        if (!console.Profile.Capabilities.Interactive) return run(null);
        BacktestReport? result = null;
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape($"replaying {source.Description}"), maxValue: source.EstimatedEvents ?? 1);
                task.IsIndeterminate = source.EstimatedEvents is null;
                result = run(n => task.Value = source.EstimatedEvents is null ? 0 : n);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static void Summary(IAnsiConsole console, BacktestResult r)
    {
        double minutes = (r.EndNs - r.StartNs) / 6e10;
        var table = new Table().Title(Markup.Escape($"{r.BookId}: {r.Events:N0} events, {r.Predictions:N0} predictions over {minutes:F1} min"));
        foreach (string c in new[] { "strategy", "trades", "net P&L", "gross P&L", "return %", "round trips", "gross bps/trip", "cost bps/trip", "net bps/trip [95% CI]", "win rate [95% CI]", "Sharpe", "max DD %", "profit f.", "DSR", "shortfall bps" })
            table.AddColumn(new TableColumn(Markup.Escape(c)) { Alignment = c == "strategy" ? Justify.Left : Justify.Right });
        foreach (PerformanceMetrics m in r.Rows)
        {
            table.AddRow(Markup.Escape(m.Strategy), m.Trades.ToString(CultureInfo.InvariantCulture), F(m.NetPnl), F(m.GrossPnl), F(m.ReturnPct),
                m.RoundTrips.ToString(CultureInfo.InvariantCulture), F(m.TradeGrossBps), F(m.TradeCostBps), Markup.Escape($"{F(m.TradeNetBps)} [{F(m.TradeNetBpsLow)}, {F(m.TradeNetBpsHigh)}]"),
                Markup.Escape($"{F(m.WinRate)} [{F(m.WinRateLow)}, {F(m.WinRateHigh)}]"), F(m.Sharpe), F(m.MaxDrawdownPct), F(m.ProfitFactor), F(m.Dsr), F(m.ShortfallBps));
        }
        console.Write(table);
        if (r.Signal is { } s)
            console.MarkupLine(Markup.Escape(FormattableString.Invariant($"signal: {s.Count} predictions scored, accuracy {s.Accuracy:F3}, balanced accuracy {s.BalancedAccuracy:F3}, macro-F1 {s.MacroF1:F3}")));
        if (r.Edge is { } e)
            console.MarkupLine(Markup.Escape(FormattableString.Invariant($"signal edge: {e.MeanBps:F2} bps per mid-to-mid round trip over the label horizon [95% CI {e.Interval.Low:F2}, {e.Interval.High:F2}] on {e.Calls} UP/DOWN calls (hit rate {e.HitRate:P1}), against {e.RoundTripCostBps:F2} bps of taker fees and slippage per round trip")));
        if (r.Rows.Count > 0 && r.Rows[0].SpanSeconds < PerformanceMetrics.MinimumAnnualisedSpanSeconds)
            console.MarkupLine(Markup.Escape("Sharpe: not annualised over less than a day of data; read the per-trade figures and their intervals."));
    }

    private static string F(decimal v) => Math.Round(v, 2).ToString("0.00", CultureInfo.InvariantCulture);

    private static string F(double? v) => v is { } d && double.IsFinite(d) ? d.ToString(Math.Abs(d) >= 1000 ? "0" : "0.###", CultureInfo.InvariantCulture) : "-";

    private static long? Time(string? text, string option)
    {
        if (text is null) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t))
            throw new ArgumentException($"{option} '{text}' is not an ISO 8601 time (e.g. 2024-07-19T00:01:00Z)");
        return t.ToUnixTimeMilliseconds() * 1_000_000;
    }
}
