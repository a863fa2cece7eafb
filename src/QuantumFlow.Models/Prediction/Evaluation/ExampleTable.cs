using System.Globalization;

namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// Every scored prediction as one CSV row, for research outside the product (a notebook, another ensemble rule):
/// the market, the prediction's place and the one that resolved it (so an online rule can be replayed without
/// peeking), the label, the move and the ensemble's call, each model's and the ensemble's three probabilities, and the
/// logistic baselines' inputs (so a baseline or a new member can be fit on them).
/// </summary>
public static class ExampleTable
{
    public static void Write(TextWriter w, IReadOnlyList<MarketExamples> markets, IReadOnlyList<string> members, IReadOnlyList<string> baselineFeatures)
    {
        ArgumentNullException.ThrowIfNull(w);
        var header = new List<string> { "market", "index", "resolved_at", "time_ns", "label", "return_bps", "ensemble_call" };
        foreach (string m in members.Append("ensemble")) header.AddRange(new[] { "down", "flat", "up" }.Select(c => $"{m}.{c}"));
        header.AddRange(baselineFeatures);
        w.WriteLine(string.Join(',', header.Select(Quote)));
        foreach (MarketExamples market in markets)
        foreach (EvaluationExample e in market.Examples)
        {
            w.Write(FormattableString.Invariant($"{Quote(market.Market)},{e.Index},{e.ResolvedAt},{e.TimeNs},{e.Label},{e.ReturnBps:R},{e.EnsembleCall}"));
            foreach (ClassProbabilities p in e.PerModel.Append(e.Ensemble))
                w.Write(FormattableString.Invariant($",{p.Down:R},{p.Flat:R},{p.Up:R}"));
            foreach (double x in e.BaselineInputs) w.Write(FormattableString.Invariant($",{x:R}"));
            w.WriteLine();
        }
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
