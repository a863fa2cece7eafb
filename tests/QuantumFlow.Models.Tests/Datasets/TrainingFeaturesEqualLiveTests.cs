using QuantumFlow.Models.Datasets;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Datasets;

/// <summary>
/// A model trains on the vectors a node later asks it about: the training table (the `features` verb, training
/// sessions) equals, row for row and bit for bit, what each book's pipeline computes live from the events its feed
/// decoded (a <see cref="FeatureReplica"/> per book, as <c>BookPredictor.Features</c> holds it).
/// </summary>
public sealed class TrainingFeaturesEqualLiveTests
{
    private sealed record Row(string BookId, long Sequence, long TimeNs, long ExchangeTimeNs, long ReceiveTimeNs, long[] Bits);

    private sealed class MemorySink : IFeatureSink
    {
        public readonly List<Row> Rows = new();
        public void Begin(FeatureSchema schema) { }
        public void Write(FeatureRecord row) =>
            Rows.Add(new Row($"{row.Venue.Id()}:{row.Symbol}", row.Sequence, row.TimeNs, row.ExchangeTimeNs, row.ReceiveTimeNs, Bits(row.Values)));
        public void End() { }
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        return bits;
    }

    /// <summary>What the live node computes: the feed's decoder, every event to its book's replica, in order.</summary>
    private static Dictionary<string, List<Row>> Live(IReadOnlyList<string> files)
    {
        using IRecordingReader reader = RecordingFormat.Open(files);
        var decoder = new FeedDecoder(reader.Venue);
        var events = new List<MarketEvent>();
        var books = new Dictionary<string, FeatureReplica>();
        var rows = new Dictionary<string, List<Row>>();
        while (reader.TryRead(out RecordedPayload p))
        {
            events.Clear();
            if (p.Kind == PayloadKind.Connected) decoder.OnConnected(p.ReceiveTimeNs, "recorded reconnect", events);
            else decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, events);
            foreach (MarketEvent e in events)
            {
                string id = $"{e.Venue.Id()}:{e.Symbol}";
                if (!books.TryGetValue(id, out FeatureReplica? book))
                {
                    books.Add(id, book = new FeatureReplica(e.Venue, e.Symbol, FeatureOptions.Default));
                    rows.Add(id, new List<Row>());
                }
                if (book.Apply(e) is { } v) rows[id].Add(new Row(id, v.Sequence, v.TimeNs, v.ExchangeTimeNs, v.ReceiveTimeNs, Bits(v.Values)));
            }
        }
        return rows;
    }

    public static IEnumerable<object[]> Recordings() =>
    [
        [new[] { TestData.Sample("btcusdt_20240718.gz"), TestData.Sample("btcusdt_20240719.gz") }],
        // Several books on one connection, best bid/ask payloads among the diffs.
        [new[] { TestData.Shared("cryptofeed/v3_jsonl/BINANCE_FUTURES.jsonl.zst") }],
    ];

    [Theory]
    [MemberData(nameof(Recordings))]
    public void The_training_table_holds_the_live_feature_vectors_row_for_row(string[] files)
    {
        var sink = new MemorySink();
        new FeatureTableBuilder(sink).Build([files], BadLinePolicy.Stop);
        Dictionary<string, List<Row>> live = Live(files);

        Assert.NotEmpty(sink.Rows);
        Assert.Equal(live.Values.Sum(r => r.Count), sink.Rows.Count);
        foreach ((string book, List<Row> expected) in live)
        {
            // A book's rows keep their order in the table; books interleave as their labels resolve.
            List<Row> table = sink.Rows.Where(r => r.BookId == book).ToList();
            Assert.Equal(expected.Count, table.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal((expected[i].Sequence, expected[i].TimeNs, expected[i].ExchangeTimeNs, expected[i].ReceiveTimeNs),
                    (table[i].Sequence, table[i].TimeNs, table[i].ExchangeTimeNs, table[i].ReceiveTimeNs));
                Assert.True(expected[i].Bits.AsSpan().SequenceEqual(table[i].Bits), $"{book} row {i} (sequence {expected[i].Sequence}) differs");
            }
        }
    }
}
