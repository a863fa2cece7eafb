namespace QuantumFlow.Host.Cli;

/// <summary>The recording shipped with the executable (data/samples), used when a verb is given no input.</summary>
public static class SampleRecording
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "samples");

    public static IReadOnlyList<string> Files =>
    [
        Path.Combine(Directory, "btcusdt_20240718.gz"),
        Path.Combine(Directory, "btcusdt_20240719.gz"),
    ];
}
