using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>
/// Turns one raw venue payload into normalized messages. A payload is parsed whole before anything is returned,
/// so a bad one yields an error and no messages. The returned messages are reused by the next call.
/// </summary>
public interface IVenueParser
{
    Venue Venue { get; }

    /// <summary>The connection-level sequence number of the last payload, or <see cref="MarketMessage.NoId"/> when the venue has none.</summary>
    long PayloadSequence { get; }

    /// <exception cref="MarketDataException">malformed JSON, a missing field, a bad number, an unknown side...</exception>
    ReadOnlySpan<MarketMessage> Parse(ReadOnlySpan<byte> payload, long receiveTimeNs);

    /// <summary>
    /// True when a glance at the payload shows it is only the venue's best bid/ask (which never changes a book), so a
    /// consumer that does not want those can skip parsing it. False when unsure.
    /// </summary>
    bool IsBestBidAskOnly(ReadOnlySpan<byte> payload) => false;
}
