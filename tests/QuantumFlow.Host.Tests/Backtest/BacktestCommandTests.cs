using System.Text.Json;
using System.Xml.Linq;
using QuantumFlow.Host.Backtest;
using QuantumFlow.Host.Cli;
using Spectre.Console;

namespace QuantumFlow.Host.Tests.Backtest;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-backtest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int Run(BacktestCommand.Settings settings, out string output, out string error)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(o), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 250;
        int code = BacktestCommand.Run(settings, console, e);
        (output, error) = (o.ToString(), e.ToString());
        return code;
    }

    [Fact]
    public void On_the_sample_it_writes_a_report_that_renders_and_holds_every_metric()
    {
        Assert.Equal(0, Run(new BacktestCommand.Settings { Report = _dir, BayesOnly = true }, out string output, out _));
        Assert.Contains("baseline (no signal)", output);
        Assert.Contains("binance-usdm:BTCUSDT", output);

        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        // Self-contained: nothing fetched from elsewhere.
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        foreach (var metric in ReportHtml.Metrics) Assert.Contains($"<th>{metric.Name}</th>", html);
        foreach (string chart in new[] { "Equity: net P&amp;L", "Drawdown from the running peak", "Net P&amp;L per strategy", "Trades of maker over the mid", "Calibration" })
            Assert.Contains(chart, html);
        Assert.Contains("true \\ predicted", html);
        // Every SVG is well-formed XML (a browser would draw it).
        int start = 0, svgs = 0;
        while ((start = html.IndexOf("<svg", start, StringComparison.Ordinal)) >= 0)
        {
            int end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + 6;
            XElement svg = XElement.Parse(html[start..end]);
            Assert.NotEmpty(svg.Elements());
            start = end;
            svgs++;
        }
        Assert.True(svgs >= 6, $"{svgs} charts");

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "report.json")));
        JsonElement run = Assert.Single(json.RootElement.GetProperty("Runs").EnumerateArray());
        JsonElement[] rows = [.. run.GetProperty("Rows").EnumerateArray()];
        Assert.Equal(["taker t=0.50", "taker t=0.60", "taker t=0.70", "maker", "maker (signal guard)", "maker (no signal)", "execution", "twap", "baseline (no signal)"],
            rows.Select(r => r.GetProperty("Strategy").GetString()));
        foreach (JsonElement row in rows)
        {
            foreach (var metric in ReportHtml.Metrics) Assert.True(row.TryGetProperty(metric.Name, out _), $"report.json lacks {metric.Name}");
        }
        JsonElement maker = rows[3];
        Assert.True(maker.GetProperty("Trades").GetInt32() > 0);
        // Costs charged once each: net = gross - fees - slippage, to the cent.
        decimal net = maker.GetProperty("NetPnl").GetDecimal(), gross = maker.GetProperty("GrossPnl").GetDecimal();
        Assert.Equal(gross - maker.GetProperty("Fees").GetDecimal() - maker.GetProperty("Slippage").GetDecimal(), net, 8);
        Assert.True(run.GetProperty("Signal").GetProperty("Count").GetInt32() > 1000);

        // The signal's gross edge is set against the round trip's fees.
        JsonElement edge = run.GetProperty("Edge");
        Assert.Equal(10, edge.GetProperty("RoundTripCostBps").GetDouble());
        Assert.True(edge.GetProperty("Calls").GetInt32() > 10);
        double mean = edge.GetProperty("MeanBps").GetDouble();
        Assert.InRange(mean, edge.GetProperty("Interval").GetProperty("Low").GetDouble(), edge.GetProperty("Interval").GetProperty("High").GetDouble());
        // Minutes of data: per-trade figures with intervals, no annualised Sharpe.
        Assert.Equal(JsonValueKind.Null, maker.GetProperty("Sharpe").ValueKind);
        Assert.True(maker.GetProperty("TradeNetBpsLow").GetDouble() <= maker.GetProperty("TradeNetBps").GetDouble());
        Assert.Equal(maker.GetProperty("TradeGrossBps").GetDouble() - maker.GetProperty("TradeCostBps").GetDouble(), maker.GetProperty("TradeNetBps").GetDouble(), 9);
    }

    [Fact]
    public void The_learners_alone_learn_the_checkpoints_label_and_the_taker_trades_on_them()
    {
        // A default 5 bps label made the learners say FLAT forever (the checkpoints' is 0.5 bps): no trade at all.
        string dir = Path.Combine(_dir, "bayes");
        Assert.Equal(0, Run(new BacktestCommand.Settings { Report = dir, BayesOnly = true, Strategy = "taker", Thresholds = [0.4] }, out _, out _));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        JsonElement run = Assert.Single(json.RootElement.GetProperty("Runs").EnumerateArray());
        JsonElement taker = run.GetProperty("Rows").EnumerateArray().First();
        Assert.Equal("taker t=0.40", taker.GetProperty("Strategy").GetString());
        Assert.True(taker.GetProperty("Trades").GetInt32() > 0, "the taker never traded on the learners' signal");
        int[][] confusion = [.. run.GetProperty("Signal").GetProperty("Confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToArray())];
        Assert.True(confusion.Sum(r => r[0] + r[2]) > 0, "the learners never said UP or DOWN");
    }

    [Fact]
    public void Walk_forward_tests_each_part_only_after_the_parts_before_it()
    {
        string dir = Path.Combine(_dir, "wf");
        Assert.Equal(0, Run(new BacktestCommand.Settings { Report = dir, BayesOnly = true, WalkForward = true, Folds = 3, Strategy = "maker" }, out _, out _));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        Assert.True(json.RootElement.GetProperty("WalkForward").GetBoolean());
        JsonElement[] folds = [.. json.RootElement.GetProperty("Runs").EnumerateArray()];
        Assert.Equal(2, folds.Length); // three parts: the first only warms up
        long previousEnd = long.MinValue;
        foreach (JsonElement fold in folds)
        {
            long start = fold.GetProperty("StartNs").GetInt64(), end = fold.GetProperty("EndNs").GetInt64();
            Assert.True(start > previousEnd, "a fold tested on time at or before the previous fold's");
            foreach (JsonElement curve in fold.GetProperty("Curves").EnumerateArray())
            {
                foreach (JsonElement fill in curve.GetProperty("Fills").EnumerateArray())
                {
                    long decided = fill.GetProperty("DecisionTimeNs").GetInt64();
                    Assert.InRange(decided, start, end);
                }
            }
            previousEnd = end;
        }
        Assert.Contains("test part 2/3 after warming up on part 1/3", folds[0].GetProperty("Description").GetString());
        Assert.Contains("test part 3/3 after warming up on part 1/3, part 2/3", folds[1].GetProperty("Description").GetString());
    }

    [Fact]
    public void Bad_input_exits_2_with_a_message_naming_it()
    {
        Assert.Equal(2, Run(new BacktestCommand.Settings { Recordings = [Path.Combine(_dir, "missing.gz")] }, out _, out string e1));
        Assert.Contains("missing.gz", e1);
        Assert.Equal(2, Run(new BacktestCommand.Settings { From = "yesterday" }, out _, out string e2));
        Assert.Contains("--from 'yesterday'", e2);
        Assert.Equal(2, Run(new BacktestCommand.Settings { Costs = new() { TakerBps = -1 } }, out _, out string e3));
        Assert.Contains("taker fee -1", e3);
        Assert.Equal(2, Run(new BacktestCommand.Settings { Thresholds = [1.5], Strategy = "taker" }, out _, out string e4));
        Assert.Contains("threshold 1.5", e4);
    }

    [Fact]
    public void The_verb_is_registered_with_its_options()
    {
        var parse = Program.Root().Parse(["backtest", "--strategy", "taker", "--taker-bps", "4", "--order-latency-ms", "25", "--walk-forward", "--report", "out"]);
        Assert.Empty(parse.Errors);
        Assert.NotEmpty(Program.Root().Parse(["backtest", "--strategy", "nonsense"]).Errors);
    }
}
