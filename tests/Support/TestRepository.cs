namespace QuantumFlow.Tests.Support;

/// <summary>The repository the tests run from (found by QuantumFlow.sln above the test binaries) and the shared real recordings beside it.</summary>
public static class TestRepository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>A file of the shared data set (../shared/data beside the repository).</summary>
    public static string Shared(string relative) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", relative));

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "QuantumFlow.sln"))) return dir;
        }
        throw new InvalidOperationException("QuantumFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
