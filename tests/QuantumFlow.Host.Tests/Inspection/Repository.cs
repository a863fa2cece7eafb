using QuantumFlow.Tests.Support;

namespace QuantumFlow.Host.Tests.Inspection;

/// <summary>Paths in the repository these tests run from, and the build of the `quantumflow` executable beside them.</summary>
public static class Repository
{
    public static string Root => TestRepository.Root;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The Host project's own build output, in the configuration these tests were built in (it holds hocon/ and samples/).</summary>
    public static string QuantumflowDll
    {
        get
        {
            string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            string dll = PathOf(Path.Combine("src", "QuantumFlow.Host", "bin", configuration, "net10.0", "quantumflow.dll"));
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the host first: {dll} is missing", dll);
        }
    }
}
