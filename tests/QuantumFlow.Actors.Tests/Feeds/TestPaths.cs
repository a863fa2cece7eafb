namespace QuantumFlow.Actors.Tests.Feeds;

/// <summary>The repository's sample recording and the shared real recordings (../shared/data beside the repository).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Shared(string relative) => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", relative));

    public static string Sample(string name) => Path.Combine(RepoRoot, "data", "samples", name);

    public static string[] SampleSession => [Sample("btcusdt_20240718.gz"), Sample("btcusdt_20240719.gz")];

    public static string[] UsdmSession => [Shared("binance-hftbacktest/usdm/btcusdt_20240718.gz"), Shared("binance-hftbacktest/usdm/btcusdt_20240719.gz")];

    public static string CoinbaseCapture => Shared("cryptofeed/v3_jsonl/COINBASE.jsonl.zst");

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "QuantumFlow.sln"))) return dir;
        }
        throw new InvalidOperationException("QuantumFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
