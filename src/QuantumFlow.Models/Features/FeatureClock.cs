namespace QuantumFlow.Models.Features;

/// <summary>Which of a message's two clocks drives time-based features (rates, half-lives, trade windows).</summary>
public enum FeatureClock : byte
{
    /// <summary>
    /// When this system received the message. The default: it is what the system knew and when, so features stay
    /// causal across streams, and it is monotonic in a recording, while venue times of different streams interleave.
    /// </summary>
    Receive = 0,
    /// <summary>The venue's event time; falls back to the receive time where the venue sends none.</summary>
    Exchange,
}
