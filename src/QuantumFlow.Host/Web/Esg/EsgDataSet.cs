using QuantumFlow.Host.Cli;
using QuantumFlow.Models.Esg;

namespace QuantumFlow.Host.Web.Esg;

/// <summary>The companies and portfolio the ESG API serves by default (GET); users POST their own.</summary>
public sealed record EsgDataSet(IReadOnlyList<CompanyMetrics> Companies, EsgPortfolio Portfolio)
{
    /// <summary>The example data shipped beside the executable (data/esg).</summary>
    /// <exception cref="EsgDataException">the shipped files are missing or invalid.</exception>
    public static EsgDataSet Shipped()
    {
        IReadOnlyList<CompanyMetrics> companies = CompanyFile.Load(EsgSampleData.Companies);
        return new EsgDataSet(companies, PortfolioFile.Load(EsgSampleData.Portfolio, companies));
    }

    public CompanyMetrics? Find(string id) => Companies.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
}
