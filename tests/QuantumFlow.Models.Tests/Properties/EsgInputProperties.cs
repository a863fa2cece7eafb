using System.Globalization;
using System.Text.Json;
using CsCheck;
using QuantumFlow.Models.Esg;

namespace QuantumFlow.Models.Tests.Properties;

/// <summary>
/// Issue 18: any numbers in a companies file, a holdings file or a what-if scenario give a score or an
/// <see cref="EsgDataException"/> naming the field, never another exception and never a result JSON cannot carry
/// (NaN or infinity: what made POST /api/esg/portfolio answer 500). Serialising with the default options, which
/// refuse non-finite numbers, is the check.
/// </summary>
public sealed class EsgInputProperties
{
    public const int CompanyCases = 3_000, PortfolioCases = 3_000, WhatIfCases = 3_000;

    private static readonly string Header = string.Join(",", CompanyFile.Fields);

    /// <summary>Numbers as text: ordinary, tiny, huge, negative, zero, and words that are no numbers.</summary>
    private static readonly Gen<string> NumberText = Gen.OneOf(
        Gen.Double[0, 100].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.Select(Gen.Int[1, 9], Gen.Int[-320, 308]).Select((m, e) => $"{m}e{e}"),
        Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.OneOf<string>("0", "-1", "1e309", "NaN", "Infinity", "", "abc", "1,5", "0x10"));

    private static string CompanyRow(int i, IReadOnlyList<string> numbers) =>
        $"c{i},Company {i},Technology," + string.Join(",", numbers.Select(n => n.Contains(',') ? $"\"{n}\"" : n));

    private static readonly Gen<string> CompaniesCsv = NumberText.List[CompanyFile.Fields.Count - 3, CompanyFile.Fields.Count - 3].List[1, 4]
        .Select(rows => Header + "\n" + string.Join("\n", rows.Select((r, i) => CompanyRow(i, r))));

    private static void ScoreOrRefuse(Action body)
    {
        try
        {
            body();
        }
        catch (EsgDataException e)
        {
            Assert.NotEmpty(e.Message);
        }
    }

    [Fact]
    public void Any_company_numbers_give_finite_scores_in_range_or_a_named_error()
    {
        CompaniesCsv.Sample(csv => ScoreOrRefuse(() =>
        {
            foreach (CompanyMetrics c in CompanyFile.Parse(csv, "companies.csv", EsgFileFormat.Csv))
            {
                foreach (EsgProfile profile in EsgProfile.All)
                {
                    EsgScore s = EsgScorer.Score(c, profile);
                    Assert.InRange(s.Overall, 0, 100);
                    JsonSerializer.Serialize(s);
                }
            }
        }), iter: CompanyCases);
    }

    [Fact]
    public void Any_weights_give_a_finite_analysis_or_a_named_error()
    {
        IReadOnlyList<CompanyMetrics> companies = CompanyFile.Load(QuantumFlow.Models.Tests.Esg.ExampleCompanies.Path("companies.csv"));
        Gen.Select(Gen.Int[0, companies.Count - 1], NumberText).List[1, 6]
            .Sample(holdings => ScoreOrRefuse(() =>
            {
                string csv = "company,weight\n" + string.Join("\n", holdings.Select(h => $"{companies[h.Item1].Id},{(h.Item2.Contains(',') ? $"\"{h.Item2}\"" : h.Item2)}"));
                EsgPortfolio portfolio = PortfolioFile.Parse(csv, "holdings.csv", EsgFileFormat.Csv, companies);
                PortfolioAnalysis a = PortfolioAnalyzer.Analyze(portfolio, companies, EsgProfile.Original);
                Assert.InRange(a.WeightedScore, 0, 100);
                Assert.Equal(1, a.Holdings.Sum(h => h.Weight), 9);
                JsonSerializer.Serialize(a);
            }), iter: PortfolioCases);
    }

    [Fact]
    public void Any_what_if_on_any_company_gives_a_finite_result_or_a_named_error()
    {
        Gen.Select(CompaniesCsv, Gen.Double.Array[6, 6], Gen.Double[-100, 100].Array[6, 6], Gen.Bool)
            .Sample((csv, wild, tame, useWild) => ScoreOrRefuse(() =>
            {
                double[] v = useWild ? wild : tame;
                var scenario = new WhatIfScenario { Co2 = v[0], Renewable = v[1], Recycling = v[2], Satisfaction = v[3], Diversity = v[4], FemaleBoard = v[5] };
                foreach (CompanyMetrics c in CompanyFile.Parse(csv, "companies.csv", EsgFileFormat.Csv))
                {
                    WhatIfResult r = WhatIfSimulator.Simulate(c, scenario, EsgProfile.Recommended);
                    Assert.InRange(r.Projected.Overall, 0, 100);
                    JsonSerializer.Serialize(r);
                }
            }), iter: WhatIfCases);
    }

    [Fact]
    public void A_sector_held_only_at_weight_zero_has_a_finite_score()
    {
        // Found by the weights property: 0/0 for such a sector made the analysis unserialisable (a 500 on the API).
        IReadOnlyList<CompanyMetrics> companies = CompanyFile.Load(QuantumFlow.Models.Tests.Esg.ExampleCompanies.Path("companies.csv"));
        EsgPortfolio portfolio = PortfolioFile.Parse("company,weight\ntechcorp,40\ngreenbank,0\n", "holdings.csv", EsgFileFormat.Csv, companies);
        PortfolioAnalysis a = PortfolioAnalyzer.Analyze(portfolio, companies, EsgProfile.Original);
        Assert.All(a.ScoreBySector.Values, v => Assert.InRange(v, 0, 100));
        Assert.Equal(2, a.ScoreBySector.Count);
    }
}
