using Parquet;
using Parquet.Schema;
using QuantumFlow.Models.Datasets;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Export;

/// <summary>A feature table as Parquet: the CSV's columns, typed, written in row groups of <see cref="RowGroupSize"/> rows.</summary>
public sealed class ParquetFeatureSink : IFeatureSink, IDisposable
{
    public const int RowGroupSize = 65_536;

    private readonly Stream _stream;
    private ParquetWriter? _writer;
    private DataField[] _featureFields = [];
    private readonly DataField<long> _time = new("time_ns"), _exchangeTime = new("exchange_time_ns"), _receiveTime = new("receive_time_ns"), _sequence = new("sequence");
    private readonly DataField<string> _venue = new("venue"), _symbol = new("symbol"), _label = new("label", true);
    private readonly DataField<int?> _labelClass = new("label_class");
    private readonly DataField<double?> _return = new("label_return_bps"), _threshold = new("label_threshold_bps"), _futureMid = new("label_future_mid");

    private readonly List<long> _times = new(), _exchangeTimes = new(), _receiveTimes = new(), _sequences = new();
    private readonly List<string> _venues = new(), _symbols = new();
    private readonly List<string?> _labels = new();
    private readonly List<int?> _classes = new();
    private readonly List<double?> _returns = new(), _thresholds = new(), _futureMids = new();
    private List<double>[] _features = [];

    public ParquetFeatureSink(Stream stream) => _stream = stream;

    public void Begin(FeatureSchema schema)
    {
        _featureFields = schema.Names.Select(n => (DataField)new DataField<double>(n)).ToArray();
        _features = schema.Names.Select(_ => new List<double>(RowGroupSize)).ToArray();
        var fields = new List<Field> { _time, _exchangeTime, _receiveTime, _venue, _symbol, _sequence };
        fields.AddRange(_featureFields);
        fields.AddRange([_label, _labelClass, _return, _threshold, _futureMid]);
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), _stream).GetAwaiter().GetResult();
    }

    public void Write(FeatureRecord row)
    {
        _times.Add(row.TimeNs);
        _exchangeTimes.Add(row.ExchangeTimeNs);
        _receiveTimes.Add(row.ReceiveTimeNs);
        _venues.Add(row.Venue.Id());
        _symbols.Add(row.Symbol);
        _sequences.Add(row.Sequence);
        for (int i = 0; i < _features.Length; i++) _features[i].Add(row.Values[i]);
        _labels.Add(row.HasLabel ? row.Label.Class.ToString().ToLowerInvariant() : null);
        _classes.Add(row.HasLabel ? (int)row.Label.Class : null);
        _returns.Add(row.HasLabel ? row.Label.ReturnBps : null);
        _thresholds.Add(row.HasLabel ? row.Label.ThresholdBps : null);
        _futureMids.Add(row.HasLabel ? row.Label.FutureMid : null);
        if (_times.Count == RowGroupSize) Flush();
    }

    public void End()
    {
        if (_times.Count > 0) Flush();
        _writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _writer = null;
        _stream.Flush();
    }

    public void Dispose()
    {
        _writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    private void Flush()
    {
        WriteGroupAsync().GetAwaiter().GetResult();
        foreach (var list in new System.Collections.IList[] { _times, _exchangeTimes, _receiveTimes, _sequences, _venues, _symbols, _labels, _classes, _returns, _thresholds, _futureMids }) list.Clear();
        foreach (List<double> f in _features) f.Clear();
    }

    private async Task WriteGroupAsync()
    {
        using ParquetRowGroupWriter group = _writer!.CreateRowGroup();
        await group.WriteAsync(_time, new ReadOnlyMemory<long>(_times.ToArray()));
        await group.WriteAsync(_exchangeTime, new ReadOnlyMemory<long>(_exchangeTimes.ToArray()));
        await group.WriteAsync(_receiveTime, new ReadOnlyMemory<long>(_receiveTimes.ToArray()));
        await group.WriteAsync(_venue, _venues);
        await group.WriteAsync(_symbol, _symbols);
        await group.WriteAsync(_sequence, new ReadOnlyMemory<long>(_sequences.ToArray()));
        for (int i = 0; i < _features.Length; i++) await group.WriteAsync((DataField<double>)_featureFields[i], new ReadOnlyMemory<double>(_features[i].ToArray()));
        await group.WriteAsync(_label, _labels!);
        await group.WriteAsync(_labelClass, new ReadOnlyMemory<int?>(_classes.ToArray()));
        await group.WriteAsync(_return, new ReadOnlyMemory<double?>(_returns.ToArray()));
        await group.WriteAsync(_threshold, new ReadOnlyMemory<double?>(_thresholds.ToArray()));
        await group.WriteAsync(_futureMid, new ReadOnlyMemory<double?>(_futureMids.ToArray()));
    }
}
