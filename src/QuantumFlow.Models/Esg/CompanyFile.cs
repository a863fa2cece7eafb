using System.Text;

namespace QuantumFlow.Models.Esg;

/// <summary>
/// Loads companies from CSV (one company per line, header of field names) or JSON (an array of objects, or
/// <c>{"companies": [...]}</c>) with the field names of <see cref="Fields"/>. All or nothing: any bad value rejects the
/// whole input with every problem listed (row and field). Percent and 0-100 score fields must lie in [0, 100];
/// amounts and counts must be 0 or more; counts whole numbers. <c>id</c> is optional (derived from the name).
/// </summary>
public static class CompanyFile
{
    public static IReadOnlyList<string> Fields { get; } =
    [
        "id", "name", "sector", "revenue", "marketCap",
        "co2Emissions", "waterUsage", "renewableEnergy", "recyclingRate", "environmentalViolations",
        "employeeSatisfaction", "diversityScore", "safetyIncidents", "communityInvestment", "supplyChainEthics",
        "boardIndependence", "femaleBoard", "ceoPayRatio", "auditScore", "shareholderRights",
    ];

    public static IReadOnlyList<CompanyMetrics> Load(string path) =>
        Parse(EsgRecords.ReadFile(path), path, EsgRecords.FormatOf(path));

    /// <exception cref="EsgDataException">every problem in the input, each naming its row and field.</exception>
    public static IReadOnlyList<CompanyMetrics> Parse(string text, string source, EsgFileFormat format)
    {
        var errors = new List<EsgDataError>();
        List<EsgRow> rows = EsgRecords.Read(text, source, format, "companies", Fields, errors, out _);
        var companies = new List<CompanyMetrics>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (EsgRow row in rows)
        {
            CompanyMetrics company = Read(row, errors);
            if (!seen.Add(company.Id)) errors.Add(row.Error("id", $"company id '{company.Id}' appears more than once"));
            companies.Add(company);
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new EsgDataError(source, "(file)", "companies", "no companies in the input"));
        EsgRecords.ThrowIfAny(errors);
        return companies;
    }

    private static CompanyMetrics Read(EsgRow r, List<EsgDataError> e)
    {
        string name = r.Text("name", e) ?? "";
        return new CompanyMetrics
        {
            Id = r.Text("id", e, required: false) ?? Slug(name),
            Name = name,
            Sector = r.Text("sector", e) ?? "",
            Revenue = r.Number("revenue", e),
            MarketCap = r.Number("marketCap", e),
            Co2Emissions = r.Number("co2Emissions", e),
            WaterUsage = r.Number("waterUsage", e),
            RenewableEnergy = r.Number("renewableEnergy", e, 100),
            RecyclingRate = r.Number("recyclingRate", e, 100),
            EnvironmentalViolations = r.Count("environmentalViolations", e),
            EmployeeSatisfaction = r.Number("employeeSatisfaction", e, 100),
            DiversityScore = r.Number("diversityScore", e, 100),
            SafetyIncidents = r.Count("safetyIncidents", e),
            CommunityInvestment = r.Number("communityInvestment", e),
            SupplyChainEthics = r.Number("supplyChainEthics", e, 100),
            BoardIndependence = r.Number("boardIndependence", e, 100),
            FemaleBoard = r.Number("femaleBoard", e, 100),
            CeoPayRatio = r.Number("ceoPayRatio", e),
            AuditScore = r.Number("auditScore", e, 100),
            ShareholderRights = r.Number("shareholderRights", e, 100),
        };
    }

    /// <summary>"TechCorp Inc." becomes "techcorp-inc".</summary>
    public static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char ch in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }
}
