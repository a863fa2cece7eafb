namespace QuantumFlow.Models.Esg;

/// <summary>
/// The resource intensity (per $M of revenue) at which an intensity component reaches 0: the component is
/// 100 - 100 * intensity / benchmark, so a company at a fifth of its sector's benchmark scores 80.
/// Sectors are matched case-insensitively; a sector not listed gets <see cref="Default"/>.
/// </summary>
public sealed record IntensityBenchmark
{
    public required double Default { get; init; }
    public IReadOnlyDictionary<string, double> BySector { get; init; } = new Dictionary<string, double>();

    public double For(string sector)
    {
        foreach ((string name, double value) in BySector)
            if (string.Equals(name, sector, StringComparison.OrdinalIgnoreCase)) return value;
        return Default;
    }

    public static IntensityBenchmark Flat(double value) => new() { Default = value };
}
