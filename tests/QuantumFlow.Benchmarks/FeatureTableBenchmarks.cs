using BenchmarkDotNet.Attributes;
using QuantumFlow.Models.Datasets;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Recording;

namespace QuantumFlow.Benchmarks;

/// <summary>
/// `quantumflow features` end to end on the real 2024-07-18/19 USD-M BTCUSDT session (71,984 payloads, 9,017 book
/// updates): read gzip, parse, rebuild the book, every feature, labels, and a sink. Reported per book update (row).
/// </summary>
[MemoryDiagnoser]
public class FeatureTableBenchmarks
{
    private const int Rows = 9_017;
    private string _csv = "";

    [GlobalSetup]
    public void Setup() => _csv = Path.Combine(Path.GetTempPath(), $"qf-bench-{Guid.NewGuid():N}.csv");

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_csv);

    [Benchmark(OperationsPerInvoke = Rows)]
    public long NoOutput() => Build(new NullSink());

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Csv()
    {
        using var sink = new CsvFeatureSink(new StreamWriter(_csv, append: false, System.Text.Encoding.UTF8, 1 << 16));
        return Build(sink);
    }

    private static long Build(IFeatureSink sink)
    {
        FeatureTableStats stats = new FeatureTableBuilder(sink).Build([RecordedLines.BtcUsdm2024], BadLinePolicy.Stop);
        if (stats.Rows != Rows) throw new InvalidOperationException($"expected {Rows} rows, got {stats.Rows}");
        return stats.Rows;
    }

    private sealed class NullSink : IFeatureSink
    {
        public void Begin(FeatureSchema schema) { }
        public void Write(FeatureRecord row) { }
        public void End() { }
    }
}
