using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QuantumFlow.Models.Esg;
using Spectre.Console;

namespace QuantumFlow.Host.Cli;

/// <summary><c>quantumflow esg score|portfolio</c>: ESG scorecards and portfolio analysis as tables or JSON.</summary>
public static class EsgCommand
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var esg = new Command("esg", "ESG scores, ratings and portfolio analysis (docs/ESG.md).");
        esg.Subcommands.Add(CreateScore());
        esg.Subcommands.Add(CreatePortfolio());
        return esg;
    }

    private static Option<string> ProfileOption() =>
        new("--profile") { Description = "original: the seed's formulas; recommended: the corrected ones.", DefaultValueFactory = _ => EsgProfile.Original.Name };

    private static Option<bool> JsonOption() => new("--json") { Description = "Write JSON instead of tables." };

    private static Command CreateScore()
    {
        var file = new Argument<string?>("FILE") { Description = "Companies as .csv or .json. Default: the shipped example companies.", Arity = ArgumentArity.ZeroOrOne };
        var profile = ProfileOption();
        var json = JsonOption();
        var score = new Command("score", "Score every company: E, S, G, overall and rating.");
        score.Arguments.Add(file);
        score.Options.Add(profile);
        score.Options.Add(json);
        score.SetAction(parse => Score(parse.GetValue(file), parse.GetValue(profile)!, parse.GetValue(json), AnsiConsole.Console, Console.Out, Console.Error));
        return score;
    }

    private static Command CreatePortfolio()
    {
        var file = new Argument<string?>("FILE") { Description = "Holdings (company,weight) as .csv or .json. Default: the shipped example portfolio.", Arity = ArgumentArity.ZeroOrOne };
        var companies = new Option<string?>("--companies") { Description = "Companies the holdings refer to (.csv or .json). Default: the shipped example companies." };
        var profile = ProfileOption();
        var json = JsonOption();
        var portfolio = new Command("portfolio", "Weighted score, leaders and laggards, score by sector and rating distribution of a portfolio.");
        portfolio.Arguments.Add(file);
        portfolio.Options.Add(companies);
        portfolio.Options.Add(profile);
        portfolio.Options.Add(json);
        portfolio.SetAction(parse => Portfolio(parse.GetValue(file), parse.GetValue(companies), parse.GetValue(profile)!, parse.GetValue(json),
            AnsiConsole.Console, Console.Out, Console.Error));
        return portfolio;
    }

    /// <returns>0 when scored, 2 on bad input (the message names the file, row and field).</returns>
    public static int Score(string? file, string profileName, bool json, IAnsiConsole console, TextWriter output, TextWriter error) =>
        Guard(profileName, error, profile =>
        {
            string path = file ?? EsgSampleData.Companies;
            List<EsgScore> scores = CompanyFile.Load(path).Select(c => EsgScorer.Score(c, profile)).ToList();
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(scores, Json));
                return;
            }
            var table = new Table().Title($"ESG scores ({profile.Name} profile): {Markup.Escape(Path.GetFileName(path))}");
            table.AddColumns("Company", "Sector");
            foreach (string column in new[] { "E", "S", "G", "Overall" }) table.AddColumn(new TableColumn(column).RightAligned());
            table.AddColumn("Rating");
            foreach (EsgScore s in scores)
                table.AddRow(Markup.Escape(s.CompanyName), Markup.Escape(s.Sector), F(s.Environmental), F(s.Social), F(s.Governance), F(s.Overall), Badge(s.Rating));
            console.Write(table);
        });

    /// <returns>0 when analysed, 2 on bad input (the message names the file, row and field).</returns>
    public static int Portfolio(string? file, string? companiesFile, string profileName, bool json, IAnsiConsole console, TextWriter output, TextWriter error) =>
        Guard(profileName, error, profile =>
        {
            IReadOnlyList<CompanyMetrics> companies = CompanyFile.Load(companiesFile ?? EsgSampleData.Companies);
            EsgPortfolio portfolio = PortfolioFile.Load(file ?? EsgSampleData.Portfolio, companies);
            PortfolioAnalysis a = PortfolioAnalyzer.Analyze(portfolio, companies, profile);
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(a, Json));
                return;
            }
            console.MarkupLine($"[bold]{Markup.Escape(a.Portfolio)}[/] ({profile.Name} profile): weighted score [bold]{F(a.WeightedScore)}[/] {Badge(a.Rating)}, " +
                               $"E {F(a.WeightedEnvironmental)}, S {F(a.WeightedSocial)}, G {F(a.WeightedGovernance)}; " +
                               $"{a.Holdings.Count} holdings, {a.Leaders.Count} leaders (>= {PortfolioAnalyzer.LeaderScore}), " +
                               $"{a.Laggards.Count} laggards (< {PortfolioAnalyzer.LaggardScore})");
            var holdings = new Table().Title("Holdings");
            holdings.AddColumn("Company");
            holdings.AddColumn("Sector");
            holdings.AddColumn(new TableColumn("Weight").RightAligned());
            holdings.AddColumn(new TableColumn("Score").RightAligned());
            holdings.AddColumn("Rating");
            foreach (HoldingScore h in a.Holdings.OrderByDescending(h => h.Score.Overall))
                holdings.AddRow(Markup.Escape(h.Score.CompanyName), Markup.Escape(h.Score.Sector), (h.Weight * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
                    F(h.Score.Overall), Badge(h.Score.Rating));
            console.Write(holdings);
            var sectors = new Table().Title("Score by sector");
            sectors.AddColumn("Sector");
            sectors.AddColumn(new TableColumn("Score").RightAligned());
            foreach ((string sector, double score) in a.ScoreBySector) sectors.AddRow(Markup.Escape(sector), F(score));
            console.Write(sectors);
            var ratings = new Table().Title("Rating distribution");
            ratings.AddColumn("Rating");
            ratings.AddColumn(new TableColumn("Holdings").RightAligned());
            foreach (EsgRating r in EsgRating.Scale) ratings.AddRow(Badge(r), a.RatingDistribution[r.Code].ToString(CultureInfo.InvariantCulture));
            console.Write(ratings);
        });

    private static int Guard(string profileName, TextWriter error, Action<EsgProfile> body)
    {
        EsgProfile? profile = EsgProfile.Find(profileName);
        if (profile is null)
        {
            error.WriteLine($"error: unknown profile '{profileName}'; expected one of: {string.Join(", ", EsgProfile.All.Select(p => p.Name))}");
            return 2;
        }
        try
        {
            body(profile);
            return 0;
        }
        catch (EsgDataException e)
        {
            return CliErrors.Report(error, e);
        }
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Badge(EsgRating r) => $"[{r.Colour}]{r.Code}[/] {Markup.Escape(r.Label)}";
}
