namespace QuantumFlow.Models.Labels;

/// <summary>How the FLAT band's half-width is set at the labelled point.</summary>
public enum ThresholdMode : byte
{
    /// <summary>theta = ThresholdBps (the seed).</summary>
    Fixed = 0,
    /// <summary>theta = max(ThresholdBps, Multiplier x spread in bps at t): a move must beat the cost of crossing.</summary>
    Spread,
    /// <summary>theta = max(ThresholdBps, Multiplier x volatility in bps at t): classes stay balanced across regimes.</summary>
    Volatility,
}
