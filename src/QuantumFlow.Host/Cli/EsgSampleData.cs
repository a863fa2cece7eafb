namespace QuantumFlow.Host.Cli;

/// <summary>The ESG example data shipped with the executable (data/esg), used when no file is given.</summary>
public static class EsgSampleData
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "esg");
    public static string Companies => Path.Combine(Directory, "companies.json");
    public static string Portfolio => Path.Combine(Directory, "portfolio.json");
}
