namespace QuantumFlow.Models.Esg;

/// <summary>A rating band of the overall score: code, label and the colour the dashboard shows it in (seed spec 7.3).</summary>
public sealed record EsgRating(string Code, string Label, string Colour, double MinScore)
{
    public static EsgRating Aaa { get; } = new("AAA", "Leader", "#00A86B", 80);
    public static EsgRating Aa { get; } = new("AA", "Advanced", "#50C878", 70);
    public static EsgRating A { get; } = new("A", "Good", "#90EE90", 60);
    public static EsgRating Bbb { get; } = new("BBB", "Average", "#FFD700", 50);
    public static EsgRating Bb { get; } = new("BB", "Below Average", "#FFA500", 40);
    public static EsgRating B { get; } = new("B", "Laggard", "#FF6347", 0);

    /// <summary>Best first.</summary>
    public static IReadOnlyList<EsgRating> Scale { get; } = [Aaa, Aa, A, Bbb, Bb, B];

    /// <summary>The band of a score; anything under 40 (NaN included) is B.</summary>
    public static EsgRating For(double score) => Scale.FirstOrDefault(r => score >= r.MinScore) ?? B;
}
