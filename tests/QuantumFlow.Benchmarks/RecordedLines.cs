using QuantumFlow.Models.Recording;

namespace QuantumFlow.Benchmarks;

/// <summary>Real recorded payloads loaded into memory once, so a benchmark measures parsing and books, not gzip.</summary>
public static class RecordedLines
{
    public static string SharedData
    {
        get
        {
            for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "QuantumFlow.sln"))) return Path.GetFullPath(Path.Combine(dir, "..", "shared", "data"));
            }
            throw new InvalidOperationException("QuantumFlow.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Shared(string relative) => Path.Combine(SharedData, relative);

    public static string[] BtcUsdm2024 =>
    [
        Path.Combine(SharedData, "binance-hftbacktest/usdm/btcusdt_20240718.gz"),
        Path.Combine(SharedData, "binance-hftbacktest/usdm/btcusdt_20240719.gz"),
    ];

    public static List<(long ReceiveTimeNs, byte[] Json)> Load(IReadOnlyList<string> files)
    {
        var lines = new List<(long, byte[])>();
        using IRecordingReader reader = RecordingFormat.Open(files);
        while (reader.TryRead(out RecordedPayload p)) lines.Add((p.ReceiveTimeNs, p.Data.ToArray()));
        return lines;
    }
}
