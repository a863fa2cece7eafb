namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// One market (a recording's book): how many examples were scored, the label distribution and the share of moves
/// larger than the round-trip cost, every model on every scored example, and the in-session comparison: the
/// baselines fit on the first part of this very session, and every model scored on the same remaining part.
/// </summary>
public sealed record MarketEvaluation(
    string Market,
    int Examples,
    double SpanSeconds,
    double[] LabelShares,
    double ShareBeyondRoundTripCost,
    IReadOnlyList<ModelScore> Models,
    InSessionComparison? InSession,
    double[] FinalEnsembleWeights)
{
    /// <summary>Inputs at their scaler's clip on more than 1 % of this market's rows (the checkpoints' scaler), the most first.</summary>
    public IReadOnlyList<InputClip> InputsClippedOver1Percent { get; init; } = [];

    /// <summary>The largest share of rows any input spent at its clip.</summary>
    public double MaxInputClipShare { get; init; }
}

/// <summary>Scored on the last part of a session, after baselines were fit on its first part (a purge between).</summary>
public sealed record InSessionComparison(string Description, int FitExamples, int TestExamples, IReadOnlyList<ModelScore> Models);
