using System.Globalization;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Datasets;

/// <summary>
/// A feature table as CSV: identity and clock columns, every feature by name, then the label columns (empty when a
/// row has no label). Doubles are written in their shortest round-trip form, so reading the file back gives the same values.
/// </summary>
public sealed class CsvFeatureSink : IFeatureSink, IDisposable
{
    public static readonly string[] LeadingColumns = ["time_ns", "exchange_time_ns", "receive_time_ns", "venue", "symbol", "sequence"];
    public static readonly string[] LabelColumns = ["label", "label_class", "label_return_bps", "label_threshold_bps", "label_future_mid"];

    private readonly TextWriter _writer;
    private readonly char[] _buffer = new char[64];

    public CsvFeatureSink(TextWriter writer) => _writer = writer;

    public void Begin(FeatureSchema schema) =>
        _writer.WriteLine(string.Join(',', LeadingColumns.Concat(schema.Names).Concat(LabelColumns)));

    public void Write(FeatureRecord row)
    {
        WriteLong(row.TimeNs); _writer.Write(',');
        WriteLong(row.ExchangeTimeNs); _writer.Write(',');
        WriteLong(row.ReceiveTimeNs); _writer.Write(',');
        _writer.Write(row.Venue.Id()); _writer.Write(',');
        _writer.Write(row.Symbol); _writer.Write(',');
        WriteLong(row.Sequence);
        foreach (double v in row.Values)
        {
            _writer.Write(',');
            WriteDouble(v);
        }
        if (row.HasLabel)
        {
            _writer.Write(',');
            _writer.Write(row.Label.Class.ToString().ToLowerInvariant()); _writer.Write(',');
            WriteLong((int)row.Label.Class); _writer.Write(',');
            WriteDouble(row.Label.ReturnBps); _writer.Write(',');
            WriteDouble(row.Label.ThresholdBps); _writer.Write(',');
            WriteDouble(row.Label.FutureMid);
        }
        else
        {
            _writer.Write(",,,,,");
        }
        _writer.Write('\n');
    }

    public void End() => _writer.Flush();

    public void Dispose() => _writer.Dispose();

    private void WriteLong(long v)
    {
        v.TryFormat(_buffer, out int n, default, CultureInfo.InvariantCulture);
        _writer.Write(_buffer, 0, n);
    }

    private void WriteDouble(double v)
    {
        // The default format is the shortest text that round-trips (.NET Core 3.0+), and faster than "R".
        v.TryFormat(_buffer, out int n, default, CultureInfo.InvariantCulture);
        _writer.Write(_buffer, 0, n);
    }
}
