using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Datasets;

/// <summary>What a feature table run produced.</summary>
public sealed class FeatureTableStats
{
    public long Payloads { get; internal set; }
    public long BadLines { get; internal set; }
    public long Rows { get; internal set; }
    public long LabeledRows { get; internal set; }
    public long Resyncs { get; internal set; }
    public int Features { get; internal set; }
    public long[] ClassCounts { get; } = new long[3];
    public Dictionary<string, long> RowsPerBook { get; } = new();

    public long Count(LabelClass c) => ClassCounts[(int)c];
}
