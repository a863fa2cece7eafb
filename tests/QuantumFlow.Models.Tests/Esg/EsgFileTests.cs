using QuantumFlow.Models.Esg;

namespace QuantumFlow.Models.Tests.Esg;

public sealed class EsgFileTests
{
    private const string Header =
        "id,name,sector,revenue,marketCap,co2Emissions,waterUsage,renewableEnergy,recyclingRate,environmentalViolations," +
        "employeeSatisfaction,diversityScore,safetyIncidents,communityInvestment,supplyChainEthics,boardIndependence," +
        "femaleBoard,ceoPayRatio,auditScore,shareholderRights";

    private const string TechCorp = "techcorp,\"TechCorp Inc.\",Technology,50000,200000,15000,30000,85,70,0,85,78,2,100,82,88,42,120,90,88";

    private static EsgDataException Rejected(string csv) =>
        Assert.Throws<EsgDataException>(() => CompanyFile.Parse(csv, "mine.csv", EsgFileFormat.Csv));

    [Fact]
    public void Csv_and_json_examples_load_the_same_companies()
    {
        IReadOnlyList<CompanyMetrics> csv = CompanyFile.Load(ExampleCompanies.Path("companies.csv"));
        Assert.Equal(ExampleCompanies.All, csv);
        Assert.Equal("TechCorp Inc.", csv[0].Name);
        Assert.Equal("Financial Services", csv[2].Sector);
    }

    [Fact]
    public void A_missing_id_is_derived_from_the_name()
    {
        string csv = Header + "\n" + TechCorp.Replace("techcorp,", ",");
        Assert.Equal("techcorp-inc", Assert.Single(CompanyFile.Parse(csv, "mine.csv", EsgFileFormat.Csv)).Id);
    }

    [Theory]
    [InlineData("50000", "-5", "revenue", "negative")]
    [InlineData("85,70", "85,abc", "recyclingRate", "'abc' is not a number")]
    [InlineData("85,70", "185,70", "renewableEnergy", "out of range")]
    [InlineData(",0,85,", ",0.5,85,", "environmentalViolations", "not a whole number")]
    [InlineData("Technology", "", "sector", "missing value")]
    public void A_bad_value_names_the_line_and_the_field(string find, string replace, string field, string message)
    {
        string bad = ReplaceFirst(TechCorp, find, replace);
        EsgDataException e = Rejected(Header + "\n" + TechCorp.Replace("techcorp", "first") + "\n\n" + bad + "\n");
        EsgDataError error = Assert.Single(e.Errors);
        Assert.Equal("line 4", error.Row);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.Contains("mine.csv: line 4, field '" + field + "'", e.Message);
    }

    [Fact]
    public void Every_problem_is_reported_and_nothing_is_half_loaded()
    {
        string csv = Header + "\n" + TechCorp + "\n" + TechCorp + "\n" + "x,y\n" + ReplaceFirst(TechCorp.Replace("techcorp", "t3"), "88", "-1");
        EsgDataException e = Rejected(csv);
        Assert.Equal(["line 3:id", "line 4:(row)", "line 5:boardIndependence"], e.Errors.Select(x => $"{x.Row}:{x.Field}"));
    }

    [Fact]
    public void Unknown_columns_empty_files_and_unclosed_quotes_are_rejected()
    {
        Assert.Equal("revenu", Assert.Single(Rejected(Header.Replace("revenue", "revenu") + "\n").Errors, x => x.Field == "revenu").Field);
        Assert.Contains("empty", Assert.Single(Rejected("\n\n").Errors).Message);
        Assert.Contains("no companies", Assert.Single(Rejected(Header + "\n").Errors).Message);
        Assert.Equal("line 2", Assert.Single(Rejected(Header + "\n" + TechCorp.Replace("\"TechCorp Inc.\"", "\"TechCorp")).Errors).Row);
    }

    [Fact]
    public void Json_errors_name_the_entry_and_field_and_malformed_json_its_line()
    {
        string json = """
            { "companies": [
              { "id": "a", "name": "A", "sector": "Energy", "revenue": 1, "marketCap": 1, "co2Emissions": 1, "waterUsage": 1,
                "renewableEnergy": 1, "recyclingRate": 1, "environmentalViolations": 0, "employeeSatisfaction": 1, "diversityScore": 1,
                "safetyIncidents": 0, "communityInvestment": 1, "supplyChainEthics": 1, "boardIndependence": 1, "femaleBoard": 1,
                "ceoPayRatio": 1, "auditScore": 1, "shareholderRights": 1 },
              { "id": "b", "name": "B", "sector": "Energy", "revenue": "ten" }
            ] }
            """;
        var e = Assert.Throws<EsgDataException>(() => CompanyFile.Parse(json, "mine.json", EsgFileFormat.Json));
        Assert.All(e.Errors, x => Assert.Equal("entry 2", x.Row));
        Assert.Contains(e.Errors, x => x.Field == "revenue" && x.Message.Contains("'ten' is not a number"));
        Assert.Contains(e.Errors, x => x.Field == "shareholderRights" && x.Message == "missing value");

        var malformed = Assert.Throws<EsgDataException>(() => CompanyFile.Parse("[\n{\"id\": }\n]", "bad.json", EsgFileFormat.Json));
        Assert.Equal("line 2", Assert.Single(malformed.Errors).Row);
        Assert.Throws<EsgDataException>(() => CompanyFile.Load("companies.xlsx"));
        Assert.Contains("(file)", Assert.Throws<EsgDataException>(() => CompanyFile.Load("/nonexistent/companies.csv")).Errors[0].Row);
    }

    [Fact]
    public void Portfolios_load_from_csv_and_json_and_name_bad_holdings()
    {
        EsgPortfolio csv = PortfolioFile.Load(ExampleCompanies.Path("portfolio.csv"), ExampleCompanies.All);
        Assert.Equal("portfolio", csv.Name);
        Assert.Equal([40.0, 30, 20, 10], csv.Holdings.Select(h => h.Weight));
        Assert.Equal("Example equal-weight portfolio", PortfolioFile.Load(ExampleCompanies.Path("portfolio.json"), ExampleCompanies.All).Name);

        var e = Assert.Throws<EsgDataException>(() =>
            PortfolioFile.Parse("company,weight\ntechcorp,1\nacme,2\ngreenbank,-3\n", "p.csv", EsgFileFormat.Csv, ExampleCompanies.All));
        Assert.Equal(["line 3:company", "line 4:weight"], e.Errors.Select(x => $"{x.Row}:{x.Field}"));
        var zero = Assert.Throws<EsgDataException>(() =>
            PortfolioFile.Parse("""[{"company": "techcorp", "weight": 0}]""", "p.json", EsgFileFormat.Json, ExampleCompanies.All));
        Assert.Contains("positive weight", zero.Message);
    }

    private static string ReplaceFirst(string s, string find, string replace)
    {
        int i = s.IndexOf(find, StringComparison.Ordinal);
        return s[..i] + replace + s[(i + find.Length)..];
    }
}
