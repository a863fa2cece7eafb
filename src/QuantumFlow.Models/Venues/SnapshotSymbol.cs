using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>Binance spot and USD-M REST depth snapshots do not name their symbol (COIN-M's do): it is the one requested, or the only one known.</summary>
internal static class SnapshotSymbol
{
    public static string Resolve(Venue venue, string? requested, IReadOnlyCollection<string> known, string? last)
    {
        if (!string.IsNullOrEmpty(requested)) return requested;
        if (known.Count == 1) return known.First();
        if (known.Count == 0 && last is not null) return last;
        throw new MarketDataException(venue, known.Count == 0
            ? "depth snapshot before any message that names its symbol"
            : $"depth snapshot does not name its symbol and the connection carries {known.Count} symbols");
    }
}
