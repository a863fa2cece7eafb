using Parquet;
using Parquet.Schema;
using QuantumFlow.Host.Cli;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Recording;

namespace QuantumFlow.Host.Tests.Cli;

public sealed class FeaturesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-features-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int Run(string outFile, LabelOptions labels, out string output, out string error)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = FeaturesCommand.Run(SampleRecording.Files, outFile, labels, BadLinePolicy.Stop, o, e);
        (output, error) = (o.ToString(), e.ToString());
        return code;
    }

    [Fact]
    public async Task Writes_the_same_table_as_csv_and_as_parquet_with_a_summary()
    {
        string csv = Path.Combine(_dir, "f.csv"), parquet = Path.Combine(_dir, "f.parquet");
        var labels = new LabelOptions { Horizon = 200, Unit = HorizonUnit.Milliseconds, ThresholdBps = 1 };
        Assert.Equal(0, Run(csv, labels, out string summary, out _));
        Assert.Equal(0, Run(parquet, labels, out _, out _));
        Assert.Contains("wrote 9017 rows x 152 features", summary);
        Assert.Contains("labels (200 ms, fixed 1 bps)", summary);
        Assert.False(File.Exists(csv + ".partial"));

        string[] lines = File.ReadAllLines(csv);
        string[] header = lines[0].Split(',');
        Assert.Equal(9017, lines.Length - 1);

        await using ParquetReader reader = await ParquetReader.CreateAsync(File.OpenRead(parquet));
        long rows = 0;
        DataField micro = reader.Schema.DataFields.Single(f => f.Name == "micro_price");
        DataField labelField = reader.Schema.DataFields.Single(f => f.Name == "label");
        Assert.Equal(typeof(double), micro.ClrType);
        var micros = new List<double>();
        var labelValues = new List<string?>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            var m = new double[group.RowCount];
            await group.ReadAsync(micro, m.AsMemory());
            micros.AddRange(m);
            var l = new string?[group.RowCount];
            await group.ReadAsync(labelField, l.AsMemory());
            labelValues.AddRange(l);
            rows += group.RowCount;
        }
        Assert.Equal(9017, rows);
        int microColumn = Array.IndexOf(header, "micro_price"), labelColumn = Array.IndexOf(header, "label");
        for (int i = 0; i < rows; i += 997)
        {
            string[] cells = lines[i + 1].Split(',');
            Assert.Equal(double.Parse(cells[microColumn], System.Globalization.CultureInfo.InvariantCulture), micros[i]);
            Assert.Equal(cells[labelColumn], labelValues[i] ?? "");
        }
    }

    [Fact]
    public void Bad_options_are_refused_and_leave_no_file()
    {
        string csv = Path.Combine(_dir, "bad.csv");
        Assert.Equal(2, Run(csv, new LabelOptions { Horizon = 0 }, out _, out string error));
        Assert.Contains("horizon", error);
        Assert.False(File.Exists(csv));
        Assert.False(File.Exists(csv + ".partial"));
    }

    [Fact]
    public void Stopped_by_a_signal_it_exits_130_and_leaves_no_file()
    {
        string csv = Path.Combine(_dir, "stopped.csv");
        using var stopped = new CancellationTokenSource();
        stopped.Cancel(); // the verb's token, as SIGINT or SIGTERM cancel it
        var e = new StringWriter();
        int code = FeaturesCommand.Run(SampleRecording.Files, csv, new LabelOptions(), BadLinePolicy.Stop, new StringWriter(), e, stopped.Token);
        Assert.Equal(130, code);
        Assert.Contains("stopped", e.ToString());
        Assert.False(File.Exists(csv));
        Assert.False(File.Exists(csv + ".partial"));
    }
}
