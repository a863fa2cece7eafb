using System.Text.Json;
using QuantumFlow.Host.Cli;
using Spectre.Console;

namespace QuantumFlow.Host.Tests.Esg;

public sealed class EsgCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-esg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IAnsiConsole Console(StringWriter text)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200; // one table row per line
        return console;
    }

    private static (int Code, string Output, string Error) Score(string? file, string profile = "original", bool json = false)
    {
        var text = new StringWriter();
        var output = new StringWriter();
        var error = new StringWriter();
        int code = EsgCommand.Score(file, profile, json, Console(text), output, error);
        return (code, text + output.ToString(), error.ToString());
    }

    [Fact]
    public void Score_prints_the_shipped_companies_with_the_spec_scores()
    {
        (int code, string output, string error) = Score(null);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Matches(@"TechCorp Inc\..*85\.22.*72\.55.*92\.00.*82\.82.*AAA Leader", output);
        Assert.Matches(@"MineralCo Resources.*57\.65.*44\.63.*62\.88.*54\.67.*BBB Average", output);
        Assert.Contains("original profile", output);
    }

    [Fact]
    public void Score_writes_json_and_the_recommended_profile_differs()
    {
        (int code, string output, _) = Score(null, "recommended", json: true);
        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal(5, doc.RootElement.GetArrayLength());
        JsonElement tech = doc.RootElement[0];
        Assert.Equal("recommended", tech.GetProperty("profile").GetString());
        Assert.Equal(100, tech.GetProperty("components").GetProperty("Compensation").GetDouble());
        Assert.NotEqual(85.22, Math.Round(tech.GetProperty("environmental").GetDouble(), 2));
    }

    [Fact]
    public void A_users_csv_is_scored_and_a_bad_one_exits_2_naming_line_and_field()
    {
        string good = Path.Combine(_dir, "mine.csv");
        File.WriteAllLines(good, File.ReadAllLines(EsgSampleData.Directory + "/companies.csv").Take(2));
        (int code, string output, _) = Score(good);
        Assert.Equal(0, code);
        Assert.Contains("TechCorp Inc.", output);
        Assert.DoesNotContain("GreenBank", output);

        string bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllLines(bad, [.. File.ReadAllLines(good), File.ReadAllLines(good)[1].Replace("techcorp,", "other,").Replace(",85,70,", ",185,70,")]);
        (code, _, string error) = Score(bad);
        Assert.Equal(2, code);
        Assert.Contains("bad.csv: line 3, field 'renewableEnergy': 185 is out of range", error);

        Assert.Equal(2, Score(Path.Combine(_dir, "missing.json")).Code);
        (code, _, error) = Score(null, "fancy");
        Assert.Equal(2, code);
        Assert.Contains("unknown profile 'fancy'", error);
    }

    [Fact]
    public void Portfolio_prints_the_summary_and_tables_and_rejects_unknown_holdings()
    {
        var text = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, EsgCommand.Portfolio(null, null, "original", false, Console(text), TextWriter.Null, error));
        string output = text.ToString();
        Assert.Contains("weighted score 72.41 AA Advanced", output);
        Assert.Contains("5 holdings, 3 leaders (>= 70), 0 laggards (< 50)", output);
        Assert.Contains("Score by sector", output);
        Assert.Matches(@"BBB Average\s*│\s*1", output);

        string holdings = Path.Combine(_dir, "p.csv");
        File.WriteAllText(holdings, "company,weight\ntechcorp,1\nnobody,1\n");
        Assert.Equal(2, EsgCommand.Portfolio(holdings, null, "original", false, Console(new StringWriter()), TextWriter.Null, error));
        Assert.Contains("p.csv: line 3, field 'company': unknown company 'nobody'", error.ToString());
    }

    [Fact]
    public void The_verbs_are_registered_on_the_root_command()
    {
        var result = Program.Root().Parse(["esg", "portfolio", "--profile", "recommended", "--json"]);
        Assert.Empty(result.Errors);
        Assert.Empty(Program.Root().Parse(["esg", "score", "x.csv"]).Errors);
    }
}
