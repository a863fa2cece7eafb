using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Backtest.Metrics;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Evaluation;

namespace QuantumFlow.Host.Backtest;

/// <summary>
/// The HTML report: one page, inline CSS and SVG only, so it opens anywhere offline. Per run: the settings, a table of
/// every metric of every strategy, P&amp;L per strategy, equity and drawdown curves, trade markers over the mid, and
/// the signal's confusion matrix and calibration.
/// </summary>
public static class ReportHtml
{
    /// <summary>Markers drawn per strategy chart (the first ones; the JSON has every fill).</summary>
    public const int MaxMarkers = 400;

    /// <summary>Every metric, in table order: the public properties of <see cref="PerformanceMetrics"/>.</summary>
    public static IReadOnlyList<PropertyInfo> Metrics { get; } =
        [.. typeof(PerformanceMetrics).GetProperties(BindingFlags.Public | BindingFlags.Instance)];

    public static string Render(BacktestReport report)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>QuantumFlow backtest</title><style>")
         .Append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:12px;margin:8px 0}")
         .Append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
         .Append(".note{color:#555;font-size:13px;max-width:1000px}.scroll{overflow-x:auto}h2{margin-top:36px;border-bottom:1px solid #ddd}")
         .Append("</style></head><body>");
        h.Append($"<h1>QuantumFlow backtest</h1><p class=\"note\">{E(report.Input)} &middot; generated {report.Generated:yyyy-MM-dd HH:mm:ss} UTC");
        if (report.WalkForward) h.Append($" &middot; walk-forward: {report.Runs.Count} folds, each tested on the part after all it warmed up on");
        h.Append("</p>");
        if (report.WalkForward) FoldSummary(h, report.Runs);
        for (int i = 0; i < report.Runs.Count; i++) Run(h, report.Runs[i], report.WalkForward ? $"Fold {i + 1}" : "Result");
        return h.Append("</body></html>").ToString();
    }

    private static void FoldSummary(StringBuilder h, IReadOnlyList<BacktestResult> runs)
    {
        h.Append("<h2>Folds</h2><table><tr><th>strategy</th>");
        for (int i = 0; i < runs.Count; i++) h.Append($"<th>fold {i + 1} net P&amp;L</th>");
        h.Append("<th>total</th></tr>");
        foreach (string s in runs[0].Rows.Select(r => r.Strategy))
        {
            h.Append($"<tr><td>{E(s)}</td>");
            decimal total = 0;
            foreach (BacktestResult r in runs)
            {
                decimal net = r.Rows.FirstOrDefault(x => x.Strategy == s)?.NetPnl ?? 0;
                total += net;
                h.Append($"<td>{Fmt(net)}</td>");
            }
            h.Append($"<td>{Fmt(total)}</td></tr>");
        }
        h.Append("</table>");
    }

    private static void Run(StringBuilder h, BacktestResult r, string heading)
    {
        BacktestOptions o = r.Options;
        ExecutionCosts c = o.Costs;
        h.Append($"<h2>{E(heading)}: {E(r.BookId)} {UnixTime.Format(r.StartNs)} to {UnixTime.Format(r.EndNs)} UTC</h2>");
        h.Append($"<p class=\"note\">{E(r.Description)}. {r.Events:N0} events, {r.Predictions:N0} predictions. Capital {Fmt(o.Capital)}; ")
         .Append($"taker {Fmt(c.TakerBps)} bps, maker {Fmt(c.MakerBps)} bps, fixed fee {Fmt(c.FixedFee)} per fill, extra slippage {Fmt(c.SlippageBps)} bps (taker fills), ")
         .Append($"order latency {Fmt(c.OrderLatencyNs / 1e6)} ms; feed latency from the data. P&amp;L sampled every {Fmt(o.SamplePeriodNs / 1e9)} s; ")
         .Append("Sharpe and Sortino annualized by &radic;(periods in a 365-day year); win rate, profit factor and average trade over round trips; ")
         .Append("the deflated Sharpe uses every row that traded as a trial. Definitions: docs/BACKTEST.md.</p>");

        h.Append("<h3>Metrics</h3><div class=\"scroll\"><table><tr>");
        foreach (PropertyInfo p in Metrics) h.Append($"<th>{E(p.Name)}</th>");
        h.Append("</tr>");
        foreach (PerformanceMetrics m in r.Rows)
        {
            h.Append("<tr>");
            foreach (PropertyInfo p in Metrics) h.Append($"<td>{Fmt(p.GetValue(m))}</td>");
            h.Append("</tr>");
        }
        h.Append("</table></div>");

        h.Append(SvgChart.Bars("Net P&L per strategy", "quote currency", [.. r.Rows.Select(m => (m.Strategy, (double)m.NetPnl))]));
        double t0 = r.StartNs;
        double Sec(long ns) => (ns - t0) / 1e9;
        h.Append(SvgChart.Lines("Equity: net P&L", "seconds", "quote currency",
            [.. r.Curves.Select(cv => new SvgChart.Series(cv.Strategy, [.. cv.Samples.Select(s => (Sec(s.TimeNs), (double)s.NetPnl))]))]));
        h.Append(SvgChart.Lines("Drawdown from the running peak", "seconds", "quote currency",
            [.. r.Curves.Select(cv => new SvgChart.Series(cv.Strategy, Drawdown(cv.Samples, o.Capital, Sec)))]));
        var mid = new SvgChart.Series("mid", [.. r.Mid.Select(m => (Sec(m.TimeNs), (double)m.Mid))]);
        foreach (StrategyCurve cv in r.Curves.Where(cv => cv.Fills.Count > 0))
        {
            var markers = cv.Fills.Take(MaxMarkers).Select(f => new SvgChart.Marker(Sec(f.FillTimeNs), (double)f.AveragePrice, f.Side == Side.Bid)).ToList();
            string more = cv.Fills.Count > MaxMarkers ? $" (first {MaxMarkers} of {cv.Fills.Count} fills)" : "";
            h.Append(SvgChart.Lines($"Trades of {cv.Strategy} over the mid{more}", "seconds", "price", [mid], markers));
        }
        Signal(h, r.Signal);
        Edge(h, r.Edge);
    }

    private static List<(double, double)> Drawdown(IReadOnlyList<EquitySample> samples, decimal capital, Func<long, double> sec)
    {
        var points = new List<(double, double)>(samples.Count);
        decimal peak = capital;
        foreach (EquitySample s in samples)
        {
            decimal equity = capital + s.NetPnl;
            peak = Math.Max(peak, equity);
            points.Add((sec(s.TimeNs), (double)(equity - peak)));
        }
        return points;
    }

    private static void Edge(StringBuilder h, SignalEdge? e)
    {
        h.Append("<h3>Signal edge against costs</h3>");
        if (e is null)
        {
            h.Append("<p class=\"note\">Too few UP/DOWN calls resolved to measure an edge.</p>");
            return;
        }
        h.Append($"<p class=\"note\">On {e.Calls:N0} UP/DOWN calls the mid moved {Fmt(e.MeanBps)} bps in the called direction over the label horizon ")
         .Append($"(95 % block-bootstrap interval {Fmt(e.Interval.Low)} to {Fmt(e.Interval.High)} bps; hit rate {Fmt(e.HitRate)}): the gross edge of a mid-to-mid round trip. ")
         .Append($"A taker round trip costs {Fmt(e.RoundTripCostBps)} bps in fees and slippage, so the edge net of it is {Fmt(e.NetOfCostBps)} bps, before the spread.</p>");
    }

    private static void Signal(StringBuilder h, ClassificationReport? s)
    {
        h.Append("<h3>Signal quality (ensemble vs realized labels)</h3>");
        if (s is null)
        {
            h.Append("<p class=\"note\">No prediction's horizon completed inside the run.</p>");
            return;
        }
        h.Append($"<p class=\"note\">{s.Count:N0} predictions scored once their horizon passed: accuracy {Fmt(s.Accuracy)}, balanced accuracy {Fmt(s.BalancedAccuracy)}, ")
         .Append($"macro-F1 {Fmt(s.MacroF1)}, log-loss {Fmt(s.LogLoss)}, expected calibration error {Fmt(s.ExpectedCalibrationError)}.</p>");
        string[] names = ["DOWN", "FLAT", "UP"];
        h.Append("<table><tr><th>true \\ predicted</th>");
        foreach (string n in names) h.Append($"<th>{n}</th>");
        h.Append("<th>recall</th></tr>");
        for (int i = 0; i < 3; i++)
        {
            h.Append($"<tr><td>{names[i]}</td>");
            for (int j = 0; j < 3; j++) h.Append($"<td>{s.Confusion[i][j]:N0}</td>");
            h.Append($"<td>{Fmt(s.Recall[i])}</td></tr>");
        }
        h.Append("<tr><td>precision</td>");
        for (int j = 0; j < 3; j++) h.Append($"<td>{Fmt(s.Precision[j])}</td>");
        h.Append("<td></td></tr></table>");
        h.Append(SvgChart.Lines("Calibration: hit rate against confidence", "mean confidence", "hit rate",
        [
            new SvgChart.Series("perfect", [(0, 0), (1, 1)], Dashed: true),
            new SvgChart.Series("ensemble", [.. s.Calibration.Select(b => (b.MeanConfidence, b.HitRate))]),
        ]));
    }

    private static string Fmt(object? v) => v switch
    {
        null => "&ndash;",
        double d when double.IsNaN(d) => "&ndash;",
        double d => E(d.ToString(Math.Abs(d) >= 1000 ? "N0" : "0.####", CultureInfo.InvariantCulture)),
        decimal m => E(Math.Round(m, 4).ToString("0.####", CultureInfo.InvariantCulture)),
        _ => E(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
