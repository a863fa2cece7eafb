namespace QuantumFlow.Actors.Outputs;

/// <summary>Distributed pub-sub topics that book, feature and prediction actors publish to.</summary>
public static class Topics
{
    public const string Books = "qf.books";
    public const string Trades = "qf.trades";
    public const string Features = "qf.features";
    public const string Predictions = "qf.predictions";
}
