using System.Text.Json;

namespace QuantumFlow.Models.Esg;

/// <summary>
/// Loads holdings from CSV (<c>company,weight</c> per line) or JSON (an array of <c>{"company": ID, "weight": W}</c>, or
/// <c>{"name": N, "holdings": [...]}</c>). Weights are 0 or more, at least one positive; every company must be one of
/// <c>companies</c>. All or nothing, every problem named by row and field.
/// </summary>
public static class PortfolioFile
{
    public static IReadOnlyList<string> Fields { get; } = ["company", "weight"];

    public static EsgPortfolio Load(string path, IReadOnlyList<CompanyMetrics> companies) =>
        Parse(EsgRecords.ReadFile(path), path, EsgRecords.FormatOf(path), companies);

    /// <exception cref="EsgDataException">every problem in the input, each naming its row and field.</exception>
    public static EsgPortfolio Parse(string text, string source, EsgFileFormat format, IReadOnlyList<CompanyMetrics> companies)
    {
        var errors = new List<EsgDataError>();
        List<EsgRow> rows = EsgRecords.Read(text, source, format, "holdings", Fields, errors, out JsonElement? root);
        var known = companies.Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var holdings = new List<Holding>();
        foreach (EsgRow row in rows)
        {
            string? company = row.Text("company", errors);
            double weight = row.Number("weight", errors);
            if (company is not null && !known.Contains(company))
                errors.Add(row.Error("company", $"unknown company '{company}'; known: {string.Join(", ", known)}"));
            holdings.Add(new Holding(company ?? "", weight));
        }
        double total = holdings.Sum(h => h.Weight);
        if (errors.Count == 0 && !(total > 0))
            errors.Add(new EsgDataError(source, "(file)", "weight", "the portfolio needs at least one holding with a positive weight"));
        else if (errors.Count == 0 && !double.IsFinite(total))
            errors.Add(new EsgDataError(source, "(file)", "weight", PortfolioAnalyzer.OverflowMessage));
        EsgRecords.ThrowIfAny(errors);

        string name = root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : Path.GetFileNameWithoutExtension(source);
        return new EsgPortfolio(name, holdings);
    }
}
