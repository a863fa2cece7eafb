using QuantumFlow.Models.Book;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;

namespace QuantumFlow.Models.Datasets;

/// <summary>
/// Streams recordings through book, features and labels into a sink: one row per book update (a snapshot or delta
/// the venue's rules applied), trades feeding the trade-flow features. The books and features are the live node's:
/// the feed's <see cref="Venues.FeedDecoder"/> (<see cref="RecordedFeed"/>) and one <see cref="FeatureReplica"/> per
/// book, so a model trains on the vectors it is later asked about. Each row waits until its label resolves (the
/// horizon has passed), so memory holds one horizon of rows per book; rows of an invalid book, or still open when the
/// recording ends, are written without a label. A gap resets the book's labeler: no horizon spans a resync.
/// </summary>
public sealed class FeatureTableBuilder
{
    private readonly FeatureOptions _features;
    private readonly LabelOptions _labels;
    private readonly IFeatureSink _sink;
    private readonly Stack<FeatureRecord> _spare = new();
    private readonly FeatureSchema _schema;

    public FeatureTableBuilder(IFeatureSink sink, FeatureOptions? features = null, LabelOptions? labels = null)
    {
        _sink = sink;
        _features = features ?? FeatureOptions.Default;
        _labels = labels ?? LabelOptions.Default;
        _labels.Validate();
        _schema = FeatureSchema.For(_features);
        Stats.Features = _schema.Count;
    }

    public FeatureTableStats Stats { get; } = new();

    /// <summary>Called after every payload, for progress displays.</summary>
    public Action<FeatureTableStats>? Progress { get; init; }

    /// <summary>Builds the table from streams (each a list of files of one session, read as one stream).</summary>
    public FeatureTableStats Build(IEnumerable<IReadOnlyList<string>> streams, BadLinePolicy policy = BadLinePolicy.Skip)
    {
        _sink.Begin(_schema);
        var events = new List<MarketEvent>();
        foreach (IReadOnlyList<string> files in streams)
        {
            using IRecordingReader reader = RecordingFormat.Open(files);
            // The live feed's decoder and the live book and feature replica: a row is the vector the node computes.
            var feed = new RecordedFeed(reader, policy, skipBestBidAsk: true);
            var books = new Dictionary<string, BookFeatures>(StringComparer.Ordinal);
            while (feed.Read(events))
            {
                foreach (MarketEvent e in events) BookOf(books, e).Apply(e);
                if (feed.Payloads % 4096 == 0) Progress?.Invoke(Stats);
            }
            Stats.Payloads += feed.Payloads;
            Stats.BadLines += feed.BadLines;
            Stats.Resyncs += feed.Decoder.SequenceGaps;
            foreach (BookFeatures book in books.Values)
            {
                book.Flush();
                Stats.Resyncs += book.Resyncs;
                Stats.RowsPerBook[book.BookId] = Stats.RowsPerBook.GetValueOrDefault(book.BookId) + book.Rows;
            }
            Progress?.Invoke(Stats);
        }
        _sink.End();
        return Stats;
    }

    private BookFeatures BookOf(Dictionary<string, BookFeatures> books, MarketEvent e)
    {
        if (!books.TryGetValue(e.Symbol, out BookFeatures? book)) books.Add(e.Symbol, book = new BookFeatures(this, e.Venue, e.Symbol));
        return book;
    }

    private FeatureRecord Rent() => _spare.Count > 0 ? _spare.Pop() : new FeatureRecord(_schema.Count);

    private void Emit(FeatureRecord row)
    {
        _sink.Write(row);
        Stats.Rows++;
        if (row.HasLabel)
        {
            Stats.LabeledRows++;
            Stats.ClassCounts[(int)row.Label.Class]++;
        }
        _spare.Push(row);
    }

    private sealed class BookFeatures(FeatureTableBuilder owner, Venue venue, string symbol)
    {
        private readonly Queue<FeatureRecord> _pending = new();
        private readonly FeatureReplica _replica = new(venue, symbol, owner._features);
        private readonly Labeler _labeler = new(owner._labels);

        public string BookId { get; } = $"{venue.Id()}:{symbol}";
        /// <summary>Rows of this book emitted so far.</summary>
        public long Rows { get; private set; }
        /// <summary>Times the valid book went stale (as the venue syncs count them).</summary>
        public long Resyncs { get; private set; }

        public void Apply(MarketEvent e)
        {
            BookState before = _replica.Book.State;
            if (_replica.Apply(e) is { } vector)
            {
                OnBookUpdate(vector);
            }
            else if (before == BookState.Synced && _replica.Book.State == BookState.Resyncing)
            {
                // A broken sequence, a reconnect or a message the rules refused.
                Resyncs++;
                OnGap();
            }
        }

        private void OnBookUpdate(FeatureVector v)
        {
            FeatureRecord row = owner.Rent();
            row.Venue = venue;
            row.Symbol = symbol;
            row.Sequence = v.Sequence;
            row.TimeNs = v.TimeNs;
            row.ExchangeTimeNs = v.ExchangeTimeNs;
            row.ReceiveTimeNs = v.ReceiveTimeNs;
            row.HasLabel = false;
            v.CopyTo(row.Values);
            _pending.Enqueue(row);
            Rows++;
            _labeler.Observe(v);
            while (_labeler.TryTake(out Label label))
            {
                // Rows before the labelled one had no label (an invalid book): they go out first, in order.
                while (_pending.TryPeek(out FeatureRecord? head) && head.Sequence < label.Sequence) owner.Emit(_pending.Dequeue());
                if (_pending.TryPeek(out FeatureRecord? labelled) && labelled.Sequence == label.Sequence)
                {
                    labelled.HasLabel = true;
                    labelled.Label = label;
                    owner.Emit(_pending.Dequeue());
                }
            }
        }

        /// <summary>No label's horizon spans a resync: the rows waiting go out unlabelled and the labeler starts again.</summary>
        private void OnGap()
        {
            Flush();
            _labeler.Reset();
        }

        public void Flush()
        {
            while (_pending.Count > 0) owner.Emit(_pending.Dequeue());
        }
    }
}
