using QuantumFlow.Models.Esg;

namespace QuantumFlow.Models.Tests.Esg;

/// <summary>The shipped example companies (data/esg), the seed spec's section 7.3 inputs.</summary>
public static class ExampleCompanies
{
    public static string Path(string name) => System.IO.Path.Combine(TestData.RepoRoot, "data", "esg", name);

    public static IReadOnlyList<CompanyMetrics> All { get; } = CompanyFile.Load(Path("companies.json"));

    public static CompanyMetrics Get(string id) => All.Single(c => c.Id == id);
}
