using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>
/// A connection-wide message counter (Coinbase <c>sequence_num</c>): +1 per message over every channel of the
/// connection. A jump or a step back means messages were lost or replayed: every book of the connection is stale.
/// </summary>
public sealed class ConnectionSequence
{
    private long _last = MarketMessage.NoId;

    public int Gaps { get; private set; }

    /// <summary>A new connection numbers its messages afresh.</summary>
    public void Reset() => _last = MarketMessage.NoId;

    /// <summary>Checks the next message's number; returns why it breaks the sequence, or null when it follows.</summary>
    public string? Check(long sequence)
    {
        if (sequence == MarketMessage.NoId) return null;
        long last = _last;
        _last = sequence;
        if (last == MarketMessage.NoId || sequence == last + 1) return null;
        Gaps++;
        return sequence > last
            ? $"sequence_num jumped from {last} to {sequence}: messages lost"
            : $"sequence_num went back from {last} to {sequence}";
    }
}
