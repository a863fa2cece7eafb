using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Tests.Books;

/// <summary>The book actor against a real SQLite journal in a temporary file.</summary>
public sealed class BookActorTests : TestKit
{
    private const string Entity = "binance-usdm:BTCUSDT";
    private static readonly BookActorOptions Options = new() { Publish = false, SnapshotEvery = 2_000 };

    public BookActorTests() : base(SqliteJournal.CreateConfig("qf-book", out string db), "book-actor-tests") => _db = db;

    private readonly string _db;


    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteJournal.Delete(_db);
    }

    private void Feed(IActorRef book, IReadOnlyList<MarketEvent> events, long run, int batch = 500, long firstSeq = 1)
    {
        long seq = firstSeq;
        for (int i = 0; i < events.Count; i += batch, seq++)
        {
            book.Tell(new Ingest(Entity, run, seq, i + 1, events.Skip(i).Take(batch).ToArray()), TestActor);
            ExpectMsg<IngestAck>(a => a.Seq == seq && a.FeedRun == run, TimeSpan.FromSeconds(30));
        }
    }

    private static Task<BookView> View(IActorRef book) => book.Ask<BookView>(new GetBook(Entity, 5000), TimeSpan.FromSeconds(10));

    private static void AssertSameBook(OrderBook expected, BookView actual)
    {
        Assert.Equal(expected.State.ToString(), actual.State);
        Assert.Equal(expected.LastUpdateId, actual.LastUpdateId);
        var bids = new Level[expected.Bids.Count];
        expected.Bids.CopyTop(bids);
        var asks = new Level[expected.Asks.Count];
        expected.Asks.CopyTop(asks);
        Assert.Equal(bids.Select(l => (l.Price, l.Quantity)), actual.Bids.Select(l => (l.Price, l.Quantity)));
        Assert.Equal(asks.Select(l => (l.Price, l.Quantity)), actual.Asks.Select(l => (l.Price, l.Quantity)));
    }

    [Fact]
    public async Task Journals_applies_and_after_a_restart_recovers_exactly_the_same_book()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.BtcUsdm2024, 12_000);
        IActorRef book = Sys.ActorOf(BookActor.Props(Entity, Options), "book-1");
        Feed(book, events, run: 11);
        BookReplica expected = TestRecordings.Rebuild(events, Venue.BinanceUsdm, "BTCUSDT");
        BookView live = await View(book);
        Assert.True(live.IsValid);
        Assert.Equal(events.Count, live.EventsJournaled);
        AssertSameBook(expected.Book, live);

        Watch(book);
        book.Tell(PoisonPill.Instance);
        ExpectTerminated(book);

        IActorRef again = Sys.ActorOf(BookActor.Props(Entity, Options), "book-1b");
        BookView recovered = await View(again);
        Assert.Equal(events.Count, recovered.EventsJournaled);
        AssertSameBook(expected.Book, recovered);

        // The restarted book keeps going from where it was, and still knows the last batch it journaled.
        again.Tell(new Ingest(Entity, 11, 1, 1, events.Take(3).ToArray()), TestActor);
        ExpectMsg<IngestAck>(a => a.Seq == 1);
        Assert.Equal(events.Count, (await View(again)).EventsJournaled);
    }

    [Fact]
    public async Task A_resent_batch_is_acknowledged_but_not_journaled_twice()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.BtcUsdm2024, 400);
        IActorRef book = Sys.ActorOf(BookActor.Props(Entity, Options), "book-2");
        Feed(book, events, run: 5, batch: 100);
        long journaled = (await View(book)).EventsJournaled;
        book.Tell(new Ingest(Entity, 5, 4, 301, events.Skip(300).Take(100).ToArray()), TestActor);
        ExpectMsg<IngestAck>(a => a.Seq == 4);
        Assert.Equal(journaled, (await View(book)).EventsJournaled);
    }

    [Fact]
    public async Task Lost_batches_are_a_gap_and_the_book_asks_its_feed_for_a_snapshot()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.BtcUsdm2024, 3_000);
        IActorRef book = Sys.ActorOf(BookActor.Props(Entity, Options), "book-3");
        Feed(book, events.Take(1000).ToList(), run: 9, batch: 500);
        Assert.True((await View(book)).IsValid);

        book.Tell(new Ingest(Entity, 9, 4, 1501, events.Skip(1500).Take(500).ToArray()), TestActor); // batch 3 never arrived
        ExpectMsg<IngestAck>(a => a.Seq == 4);
        SnapshotNeeded needed = ExpectMsg<SnapshotNeeded>();
        Assert.Equal(("BTCUSDT", Venue.BinanceUsdm), (needed.Symbol, needed.Venue));
        BookView view = await View(book);
        Assert.False(view.IsValid);
        Assert.Contains("never arrived", view.LastProblem);
    }

    [Fact]
    public async Task A_snapshot_of_the_book_makes_recovery_start_from_it_and_reach_the_same_book()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.EthUsdm2024, 9_000);
        const string eth = "binance-usdm:ETHUSDT";
        IActorRef book = Sys.ActorOf(BookActor.Props(eth, Options), "book-4");
        long seq = 1;
        for (int i = 0; i < events.Count; i += 1000, seq++)
        {
            book.Tell(new Ingest(eth, 3, seq, i + 1, events.Skip(i).Take(1000).ToArray()), TestActor);
            ExpectMsg<IngestAck>(TimeSpan.FromSeconds(30));
        }
        // Saving and pruning snapshots is asynchronous to the actor: wait (bounded), while it lives to finish them, until
        // exactly the newest remains. (Stopped first, a save still in flight would never prune the older ones.)
        await AwaitAssertAsync(() =>
        {
            using var db = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + _db);
            db.Open();
            using var count = db.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM snapshot WHERE persistence_id = 'book|binance-usdm:ETHUSDT'";
            Assert.Equal(1L, (long)count.ExecuteScalar()!);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));
        Watch(book);
        book.Tell(PoisonPill.Instance);
        ExpectTerminated(book);

        IActorRef again = Sys.ActorOf(BookActor.Props(eth, Options), "book-4b");
        BookView recovered = await again.Ask<BookView>(new GetBook(eth, 5000), TimeSpan.FromSeconds(10));
        BookReplica expected = TestRecordings.Rebuild(events, Venue.BinanceUsdm, "ETHUSDT");
        Assert.Equal(events.Count, recovered.EventsJournaled);
        Assert.Equal(expected.Book.LastUpdateId, recovered.LastUpdateId);
        Assert.Equal(expected.Book.Bids.Count, recovered.Bids.Count);
        Assert.Equal(expected.Book.BestAsk, recovered.Asks[0].Price);
    }

    [Fact]
    public async Task A_book_without_events_for_its_stale_time_is_stale_says_why_and_the_next_batch_makes_it_fresh()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.BtcUsdm2024, 2_000);
        IActorRef book = Sys.ActorOf(BookActor.Props(Entity, Options with { StaleAfter = TimeSpan.FromMilliseconds(300) }), "book-stale");
        Feed(book, events.Take(1000).ToList(), run: 21);
        Assert.True((await View(book)).IsValid);

        // Its feed stops: the book turns stale by itself, and its predictor's answer says why.
        await AwaitAssertAsync(async () => Assert.Equal(BookActor.Stale, (await View(book)).State), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        BookView stale = await View(book);
        Assert.False(stale.IsValid);
        Assert.Contains("no market data", stale.LastProblem);
        var none = await book.Ask<NoPrediction>(new GetPrediction(Entity), TimeSpan.FromSeconds(3));
        Assert.Contains("stale", none.Reason);

        book.Tell(new Ingest(Entity, 21, 3, 1001, events.Skip(1000).Take(500).ToArray()), TestActor);
        ExpectMsg<IngestAck>(a => a.Seq == 3);
        BookView fresh = await View(book);
        Assert.True(fresh.IsValid);
        Assert.Equal("Synced", fresh.State);
    }
}
