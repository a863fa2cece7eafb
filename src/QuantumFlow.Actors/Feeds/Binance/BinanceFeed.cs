using Akka.Actor;
using Akka.Event;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;

namespace QuantumFlow.Actors.Feeds.Binance;

/// <summary>
/// A live Binance feed, by Binance's local-book procedure: the stream is opened first and its diffs go to the books
/// at once (the books buffer them); once the stream delivers, a REST snapshot is fetched for every symbol, and again
/// whenever a book asks with <see cref="SnapshotNeeded"/> (de-duplicated by <see cref="SnapshotRequests"/>).
/// Snapshots are decoded in the order they arrive among the stream's messages, which is what the procedure needs.
/// </summary>
public sealed class BinanceFeed : WebSocketFeedActor
{
    private readonly BinanceFeedOptions _options;
    private readonly SnapshotRequests _requests;
    private HttpClient? _http;
    private bool _snapshotsDue;

    public BinanceFeed(BinanceFeedOptions options, IActorRef books)
        : base(options.Venue, books, options.Delivery, options.Reconnect, options.StreamUri())
    {
        _options = options;
        _requests = new SnapshotRequests(options.SnapshotMinInterval);
        Receive<SnapshotNeeded>(n => RequestSnapshot(n.Symbol, $"book {n.EntityId} asked: {n.Reason}"));
        Receive<SnapshotDue>(d =>
        {
            if (_requests.Due(d.Symbol, WallClock.NowMs())) Fetch(d.Symbol);
        });
        Receive<SnapshotFetched>(OnSnapshot);
        Receive<SnapshotFailed>(f =>
        {
            _requests.Completed(f.Symbol);
            Pipeline.LastError = $"snapshot of {f.Symbol} failed: {f.Reason}";
            Log.Warning("{0}", Pipeline.LastError);
            Timers.StartSingleTimer("retry:" + f.Symbol, new SnapshotNeeded(BookId.Of(_options.Venue, f.Symbol), _options.Venue, f.Symbol, "retry"), _options.SnapshotRetryDelay);
        });
    }

    public static Props Props(BinanceFeedOptions options, IActorRef books) =>
        Akka.Actor.Props.Create(() => new BinanceFeed(options, books));

    protected override void PreStart()
    {
        _http = new HttpClient { Timeout = _options.SnapshotTimeout };
        base.PreStart();
    }

    protected override void PostStop()
    {
        _http?.Dispose();
        base.PostStop();
    }

    // The snapshot must come after the stream's first diffs, or it may predate them; wait for the first message.
    protected override void OnOpened() => _snapshotsDue = true;

    protected override void OnFrame()
    {
        if (!_snapshotsDue) return;
        _snapshotsDue = false;
        foreach (string symbol in _options.Symbols) RequestSnapshot(symbol, "stream open");
    }

    private void RequestSnapshot(string symbol, string why)
    {
        symbol = symbol.ToUpperInvariant();
        if (!_options.Symbols.Contains(symbol))
        {
            Log.Warning("snapshot asked for {0}, which this feed does not carry", symbol);
            return;
        }
        switch (_requests.Request(symbol, WallClock.NowMs(), out TimeSpan delay))
        {
            case SnapshotRequests.Decision.FetchNow:
                Log.Debug("fetching {0} snapshot ({1})", symbol, why);
                Fetch(symbol);
                break;
            case SnapshotRequests.Decision.Deferred:
                Timers.StartSingleTimer("due:" + symbol, new SnapshotDue(symbol), delay);
                break;
        }
    }

    private void Fetch(string symbol)
    {
        Uri uri = _options.SnapshotUri(symbol);
        HttpClient http = _http!;
        Fetch(http, uri, symbol).PipeTo(Self);
    }

    private static async Task<object> Fetch(HttpClient http, Uri uri, string symbol)
    {
        try
        {
            using HttpResponseMessage response = await http.GetAsync(uri).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return new SnapshotFailed(symbol, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return new SnapshotFetched(symbol, body, WallClock.NowNs());
        }
        catch (Exception e)
        {
            return new SnapshotFailed(symbol, e is TaskCanceledException ? "timed out" : e.Message);
        }
    }

    private void OnSnapshot(SnapshotFetched s)
    {
        _requests.Completed(s.Symbol);
        Pipeline.SnapshotsFetched++;
        Pipeline.Decode(s.Body, s.ReceiveTimeNs, s.Symbol);
        Flush();
    }

    private sealed record SnapshotDue(string Symbol);

    private sealed record SnapshotFetched(string Symbol, byte[] Body, long ReceiveTimeNs);

    private sealed record SnapshotFailed(string Symbol, string Reason);
}
