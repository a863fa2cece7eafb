using System.Globalization;
using QuantumFlow.Models.Datasets;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Recording;

namespace QuantumFlow.Models.Tests.Datasets;

public class FeatureTableBuilderTests
{
    private sealed class MemorySink : IFeatureSink
    {
        public FeatureSchema? Schema;
        public readonly List<(long Sequence, long TimeNs, string Symbol, double[] Values, Label? Label)> Rows = new();
        public bool Ended;
        public void Begin(FeatureSchema schema) => Schema = schema;
        public void Write(FeatureRecord row) => Rows.Add((row.Sequence, row.TimeNs, row.Symbol, (double[])row.Values.Clone(), row.HasLabel ? row.Label : null));
        public void End() => Ended = true;
    }

    private static readonly string[] Session = [TestData.Sample("btcusdt_20240718.gz"), TestData.Sample("btcusdt_20240719.gz")];

    [Fact]
    public void One_row_per_applied_book_update_with_the_labels_the_batch_labeler_gives()
    {
        var sink = new MemorySink();
        var labels = new LabelOptions { Horizon = 100, ThresholdBps = 1 };
        FeatureTableStats stats = new FeatureTableBuilder(sink, labels: labels).Build([Session], BadLinePolicy.Stop);

        Assert.True(sink.Ended);
        Assert.Equal(9_017, stats.Rows);                // 1 snapshot + 9,016 applied diffs (book verify counts the same)
        Assert.Equal(stats.Rows, sink.Rows.Count);
        Assert.Equal(stats.Rows - 100, stats.LabeledRows); // the last horizon of rows has no future yet
        Assert.Equal(stats.LabeledRows, stats.ClassCounts.Sum());
        Assert.All(stats.ClassCounts, c => Assert.True(c > 0));
        Assert.True(sink.Rows.Zip(sink.Rows.Skip(1)).All(p => p.Item1.Sequence < p.Item2.Sequence && p.Item1.TimeNs <= p.Item2.TimeNs));
        Assert.All(sink.Rows, r => Assert.All(r.Values, v => Assert.True(double.IsFinite(v))));

        // The online labels equal the dataset labeler's over the same points.
        int mid = sink.Schema!.IndexOf(FeatureNames.MidPrice), spread = sink.Schema.IndexOf(FeatureNames.SpreadBps);
        LabelPoint[] points = sink.Rows.Select(r => new LabelPoint(r.Sequence, r.TimeNs, r.Values[mid], r.Values[spread])).ToArray();
        Label[] batch = BatchLabeler.Label(points, labels);
        Assert.Equal(stats.LabeledRows, batch.Length);
        for (int i = 0; i < batch.Length; i++)
        {
            Assert.Equal(batch[i].Sequence, sink.Rows[i].Sequence);
            Assert.Equal(batch[i].Class, sink.Rows[i].Label?.Class);
        }
    }

    [Fact]
    public void The_csv_reads_back_to_the_same_values()
    {
        var memory = new MemorySink();
        new FeatureTableBuilder(memory).Build([Session], BadLinePolicy.Stop);
        var text = new StringWriter();
        new FeatureTableBuilder(new CsvFeatureSink(text)).Build([Session], BadLinePolicy.Stop);

        string[] lines = text.ToString().TrimEnd('\n').Split('\n');
        string[] header = lines[0].Split(',');
        Assert.Equal(CsvFeatureSink.LeadingColumns.Length + memory.Schema!.Count + CsvFeatureSink.LabelColumns.Length, header.Length);
        Assert.Equal(memory.Rows.Count, lines.Length - 1);
        foreach (int i in new[] { 0, 1, 500, 4321, memory.Rows.Count - 1 })
        {
            string[] cells = lines[i + 1].Split(',');
            Assert.Equal(memory.Rows[i].Sequence.ToString(CultureInfo.InvariantCulture), cells[5]);
            for (int f = 0; f < memory.Schema.Count; f++)
            {
                Assert.Equal(memory.Rows[i].Values[f], double.Parse(cells[CsvFeatureSink.LeadingColumns.Length + f], CultureInfo.InvariantCulture));
            }
            Assert.Equal(memory.Rows[i].Label is null ? "" : memory.Rows[i].Label!.Value.Class.ToString().ToLowerInvariant(), cells[^5]);
        }
    }
}
