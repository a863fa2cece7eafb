using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Backtest;

/// <summary>
/// Replays recording files (one session, in order) as the replay feed delivers them to the books: the same reader
/// and <see cref="FeedDecoder"/> (<see cref="RecordedFeed"/>), a recorded reconnect announced as the feed announces it, a payload that does not
/// decode skipped and counted. One book is replayed: <paramref name="bookId"/> (venue:symbol), or the first book in the
/// files when null, or every book (each with its own replay, steps interleaved in file order) when it is
/// <see cref="AllBooks"/>; it goes through a <see cref="PredictionReplay"/> made on its first event by <paramref name="createReplay"/>. Events received before
/// <paramref name="fromNs"/> are applied (the book needs its snapshot, the predictor its warm-up) but yield no step;
/// reading stops at the first event received at or after <paramref name="toNs"/>. With <paramref name="maxBatch"/>
/// above 1 each book batches its model calls (<see cref="PredictionReplay.Push"/>): a book's steps stay in order,
/// the books' steps interleave differently.
/// </summary>
public sealed class RecordingReplaySource(
    IReadOnlyList<string> paths,
    string? bookId,
    Func<Venue, string, PredictionReplay> createReplay,
    bool everyEvent = true,
    long fromNs = long.MinValue,
    long toNs = long.MaxValue,
    int maxBatch = 1) : IReplaySource
{
    /// <summary>The book id that replays every book of the files.</summary>
    public const string AllBooks = "*";

    private readonly Dictionary<string, PredictionReplay> _books = new(StringComparer.Ordinal);
    private string? _book;
    private RecordedFeed? _feed;

    public string Description => $"recordings {string.Join(", ", paths.Select(Path.GetFileName))}" + (bookId is null ? "" : $": {bookId}");

    public long? EstimatedEvents => null;

    /// <summary>Payloads that did not decode (skipped, as the live feed skips them).</summary>
    public long BadPayloads => _feed?.BadLines ?? 0;

    /// <summary>The replay of the book, by its id (venue:symbol), once its first event was read.</summary>
    public IReadOnlyDictionary<string, PredictionReplay> Books => _books;

    public IEnumerable<ReplayStep> Steps(CancellationToken cancellationToken)
    {
        if (paths.Count == 0) throw new ArgumentException("no recording files given", nameof(paths));
        using IRecordingReader reader = RecordingFormat.Open(paths);
        _feed = new RecordedFeed(reader);
        var events = new List<MarketEvent>();
        var steps = new List<ReplayStep>();
        bool more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_feed.Read(events)) break;
            foreach (MarketEvent e in events)
            {
                _book ??= bookId ?? e.BookId;
                if (_book != AllBooks && !string.Equals(e.BookId, _book, StringComparison.OrdinalIgnoreCase)) continue;
                if (e.ReceiveTimeNs >= toNs)
                {
                    more = false;
                    break;
                }
                ReplayOf(e).Push(e, steps, everyEvent, maxBatch);
            }
            foreach (ReplayStep step in steps)
            {
                if (step.Event.ReceiveTimeNs >= fromNs) yield return step;
            }
            steps.Clear();
        }
        foreach (PredictionReplay replay in _books.Values) replay.Flush(steps, everyEvent);
        foreach (ReplayStep step in steps)
        {
            if (step.Event.ReceiveTimeNs >= fromNs) yield return step;
        }
    }

    private PredictionReplay ReplayOf(MarketEvent e)
    {
        string id = e.BookId;
        if (!_books.TryGetValue(id, out PredictionReplay? replay)) _books[id] = replay = createReplay(e.Venue, e.Symbol);
        return replay;
    }
}
