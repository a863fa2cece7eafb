namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>
/// A trading rule. Called once per event of the book, after the event is applied, with the book and prediction as
/// they are at that moment (never later ones); it acts only through <see cref="StrategyContext"/>'s orders.
/// </summary>
public interface IStrategy
{
    /// <summary>The row name in the report ("taker t=0.60").</summary>
    string Name { get; }

    void OnStep(StrategyContext context);
}
