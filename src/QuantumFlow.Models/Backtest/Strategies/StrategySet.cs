namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>
/// The strategies a backtest's strategy choice (the verb's --strategy) runs, fresh instances each call (strategies keep state). Every set ends with the
/// no-signal baseline: the taker's rules, size and holding period with a coin flip for direction. The makers come
/// three ways: skewed by the signal, guarded by it (a side it expects to be run over is withdrawn), and without it.
/// </summary>
public static class StrategySet
{
    public static readonly string[] Choices = ["taker", "maker", "execution", "all"];

    /// <exception cref="ArgumentException">an unknown choice, or a threshold outside (0, 1].</exception>
    public static List<IStrategy> Create(string choice, IReadOnlyList<double> thresholds)
    {
        if (!Choices.Contains(choice)) throw new ArgumentException($"unknown strategy '{choice}' (expected {string.Join(", ", Choices)})", nameof(choice));
        foreach (double t in thresholds)
        {
            if (!(t > 0 && t <= 1)) throw new ArgumentException($"confidence threshold {t} must be in (0, 1]", nameof(thresholds));
        }
        var list = new List<IStrategy>();
        if (choice is "taker" or "all")
        {
            foreach (double t in thresholds.Distinct()) list.Add(new DirectionalTaker(new TakerOptions { ConfidenceThreshold = t }));
        }
        if (choice is "maker" or "all")
        {
            list.Add(new MarketMaker());
            // The signal as a guard against adverse selection, judged against the same quotes with no signal at all.
            list.Add(new MarketMaker(new MarketMakerOptions { PullProbability = 0.5 }, "maker (signal guard)"));
            list.Add(new MarketMaker(new MarketMakerOptions { SkewTicks = 0 }, "maker (no signal)"));
        }
        if (choice is "execution" or "all")
        {
            list.Add(new ExecutionStrategy(new ExecutionOptions { UsePredictions = true }));
            list.Add(new ExecutionStrategy(new ExecutionOptions { UsePredictions = false }));
        }
        list.Add(new DirectionalTaker(new TakerOptions { Signal = SignalSource.Random }, "baseline (no signal)"));
        return list;
    }
}
