using QuantumFlow.Models.Prediction.Evaluation;

namespace QuantumFlow.Models.Backtest.Metrics;

/// <summary>
/// What the signal is worth before costs: on each UP or DOWN call of the ensemble, the mid's move over the label
/// horizon in the called direction, in bps (a mid-to-mid round trip: no spread, no fee). Set against
/// <see cref="RoundTripCostBps"/>, the taker fee and slippage of both legs, it says at once whether any taker strategy
/// on this signal can pay its costs. The interval is a block bootstrap (calls close in time share their horizon).
/// </summary>
public sealed record SignalEdge(int Calls, double MeanBps, Interval Interval, double HitRate, double RoundTripCostBps)
{
    public double NetOfCostBps => MeanBps - RoundTripCostBps;

    public static SignalEdge? Of(IReadOnlyList<ScoredPrediction> scored, double roundTripCostBps)
    {
        double[] edges = [.. scored.Where(s => s.Call != Labels.LabelClass.Flat)
            .Select(s => (s.Call == Labels.LabelClass.Up ? 1 : -1) * s.ReturnBps)];
        if (edges.Length < 10) return null;
        var bootstrap = new BlockBootstrap([(0, edges.Length)], Math.Max(5, (int)Math.Sqrt(edges.Length)));
        Interval interval = bootstrap.Interval(idx =>
        {
            double sum = 0;
            foreach (int i in idx) sum += edges[i];
            return sum / idx.Length;
        });
        return new SignalEdge(edges.Length, edges.Average(), interval, edges.Count(e => e > 0) / (double)edges.Length, roundTripCostBps);
    }
}
