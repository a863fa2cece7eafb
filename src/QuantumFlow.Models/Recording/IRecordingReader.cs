using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Recording;

/// <summary>Streams raw payloads out of a recording in constant memory.</summary>
public interface IRecordingReader : IDisposable
{
    /// <summary>The venue whose protocol the payloads follow.</summary>
    Venue Venue { get; }

    /// <summary>Where the last payload came from ("btcusdt_20240718.gz line 14"), for error messages.</summary>
    string Location { get; }

    /// <summary>Reads the next payload; false at the end.</summary>
    /// <exception cref="Venues.MarketDataException">a line is not in the recording's framing; the reader can go on.</exception>
    bool TryRead(out RecordedPayload payload);
}
