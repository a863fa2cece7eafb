using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Recording;

/// <summary>
/// The bad lines met reading one recording under a <see cref="BadLinePolicy"/>: Stop raises the first, located in its
/// file; Skip counts them and keeps the first few for the report.
/// </summary>
public sealed class BadLineLog(BadLinePolicy policy)
{
    public long Count { get; private set; }
    /// <summary>The first few bad lines, with where they were and what was wrong.</summary>
    public List<string> Samples { get; } = new();

    /// <exception cref="MarketDataException">the bad line, located, under <see cref="BadLinePolicy.Stop"/>.</exception>
    public void Record(MarketDataException e, IRecordingReader reader)
    {
        MarketDataException located = e.Location is null ? e.At(reader.Location) : e;
        if (policy == BadLinePolicy.Stop) throw located;
        Count++;
        if (Samples.Count < 10) Samples.Add(located.Message);
    }
}
