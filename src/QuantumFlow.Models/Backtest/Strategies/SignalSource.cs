namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>Where the directional taker's signal comes from.</summary>
public enum SignalSource : byte
{
    /// <summary>The ensemble's prediction.</summary>
    Model = 0,
    /// <summary>No signal at all: never trades (the zero-signal check).</summary>
    None,
    /// <summary>A seeded coin flip for direction, same size and holding period: the no-skill baseline that pays the same costs.</summary>
    Random,
}
