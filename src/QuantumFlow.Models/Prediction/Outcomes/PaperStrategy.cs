using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Outcomes;

/// <summary>
/// A paper strategy that follows the ensemble: on an UP (DOWN) prediction at least <c>minConfidence</c> sure it buys
/// (sells) at the mid and closes at the mid one label horizon later, paying the taker fee on both legs. Nothing is
/// sent anywhere; it answers "would following the predictions have paid, after fees?".
/// </summary>
public sealed class PaperStrategy(double minConfidence, double takerFeeBps)
{
    public long Trades { get; private set; }
    public long Hits { get; private set; }
    public double GrossPnlBps { get; private set; }
    public double FeesBps { get; private set; }
    public double NetPnlBps => GrossPnlBps - FeesBps;
    public double HitRate => Trades == 0 ? 0 : (double)Hits / Trades;

    /// <summary>Books the trade a resolved prediction would have made; false when it made none.</summary>
    public bool OnResolved(PredictionRecord r)
    {
        if (r.ReturnBps is not { } ret || r.Predicted == LabelClass.Flat || r.Confidence < minConfidence) return false;
        double direction = r.Predicted == LabelClass.Up ? 1 : -1;
        Trades++;
        if (direction * ret > 0) Hits++;
        GrossPnlBps += direction * ret;
        FeesBps += 2 * takerFeeBps;
        return true;
    }

    public void Reset()
    {
        Trades = Hits = 0;
        GrossPnlBps = FeesBps = 0;
    }
}
