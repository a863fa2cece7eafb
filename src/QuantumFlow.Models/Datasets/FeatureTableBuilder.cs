using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Datasets;

/// <summary>
/// Streams recordings through book, features and labels into a sink: one row per book update (a snapshot or delta
/// the venue's rules applied), trades feeding the trade-flow features. Each row waits until its label resolves (the
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
        foreach (IReadOnlyList<string> files in streams)
        {
            using IRecordingReader reader = RecordingFormat.Open(files);
            var observer = new Observer(this);
            // Best bid/ask payloads change no book and no feature: not parsing them is a third of the work.
            var session = new MarketDataSession(reader.Venue, observer) { SkipBestBidAsk = true };
            var player = new RecordingPlayer(reader, session, policy);
            while (player.Play(4096)) Progress?.Invoke(Stats);
            Stats.Payloads += player.Payloads;
            Stats.BadLines += player.BadLines;
            Stats.Resyncs += session.Resyncs + session.SequenceGaps;
            observer.Flush();
            Progress?.Invoke(Stats);
        }
        _sink.End();
        return Stats;
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

    private sealed class Observer(FeatureTableBuilder owner) : ISessionObserver
    {
        private readonly Dictionary<string, BookFeatures> _books = new();

        public void OnMessage(MarketMessage message, IBookSync? book, SyncResult result)
        {
            if (book is null) return;
            if (!_books.TryGetValue(message.Symbol, out BookFeatures? state))
            {
                state = new BookFeatures(owner, $"{book.Book.Venue.Id()}:{book.Book.Symbol}");
                _books[message.Symbol] = state;
            }
            if (message.Kind == MessageKind.Trade)
            {
                state.Engine.OnTrade(message);
            }
            else if (result.ChangedBook())
            {
                state.OnBookUpdate(book, message);
            }
            else if (result == SyncResult.Gap)
            {
                state.OnGap();
            }
        }

        public void Flush()
        {
            foreach (BookFeatures s in _books.Values)
            {
                s.Flush();
                owner.Stats.RowsPerBook[s.BookId] = owner.Stats.RowsPerBook.GetValueOrDefault(s.BookId) + s.Rows;
            }
        }
    }

    private sealed class BookFeatures(FeatureTableBuilder owner, string bookId)
    {
        private readonly Queue<FeatureRecord> _pending = new();

        public string BookId { get; } = bookId;
        /// <summary>Rows of this book emitted so far.</summary>
        public long Rows { get; private set; }

        public FeatureEngine Engine { get; } = new(owner._features);
        private Labeler Labeler { get; } = new(owner._labels);

        public void OnBookUpdate(IBookSync book, MarketMessage update)
        {
            FeatureVector v = Engine.OnBookUpdate(book.Book, update);
            FeatureRecord row = owner.Rent();
            row.Venue = book.Book.Venue;
            row.Symbol = book.Book.Symbol;
            row.Sequence = v.Sequence;
            row.TimeNs = v.TimeNs;
            row.ExchangeTimeNs = v.ExchangeTimeNs;
            row.ReceiveTimeNs = v.ReceiveTimeNs;
            row.HasLabel = false;
            v.CopyTo(row.Values);
            _pending.Enqueue(row);
            Rows++;
            Labeler.Observe(v);
            while (Labeler.TryTake(out Label label))
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

        public void OnGap()
        {
            Flush();
            Labeler.Reset();
        }

        public void Flush()
        {
            while (_pending.Count > 0) owner.Emit(_pending.Dequeue());
        }
    }
}
