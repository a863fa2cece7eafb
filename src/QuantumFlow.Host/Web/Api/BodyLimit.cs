using Microsoft.AspNetCore.Builder;

namespace QuantumFlow.Host.Web.Api;

/// <summary>
/// The largest request body an endpoint reads, as endpoint metadata (<see cref="BodyLimitMiddleware"/> enforces it).
/// Each limit is several times the largest valid request, so only abuse meets it.
/// </summary>
public sealed record BodyLimit(long Bytes)
{
    /// <summary>POST /api/predict: 2 x <see cref="Scoring.SnapshotValidator.MaxLevels"/> levels of about 50 bytes each, twice over.</summary>
    public const long Predict = 256 * 1024;

    /// <summary>ESG companies and holdings files posted whole (the shipped example is under 4 KB).</summary>
    public const long EsgFile = 1024 * 1024;

    /// <summary>A what-if scenario: one company and six levers.</summary>
    public const long EsgWhatIf = 64 * 1024;
}

public static class BodyLimitExtensions
{
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));
}
