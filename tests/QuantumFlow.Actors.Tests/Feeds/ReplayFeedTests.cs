using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;
using Xunit.Abstractions;

namespace QuantumFlow.Actors.Tests.Feeds;

public class ReplayFeedTests(ITestOutputHelper output) : TestKit("akka.loglevel = INFO", output)
{
    public static IEnumerable<object[]> Recordings() =>
    [
        [TestRecordings.SampleSession],
        [new[] { TestRecordings.CoinbaseCapture }],
    ];

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task An_unpaced_replay_rebuilds_the_same_books_as_a_session_over_the_same_files_and_loses_nothing(string[] recording)
    {
        MarketDataSession expected;
        using (IRecordingReader reader = RecordingFormat.Open(recording))
        {
            expected = new MarketDataSession(reader.Venue);
            new RecordingPlayer(reader, expected).Play();
        }

        IActorRef books = Sys.ActorOf(ReplicaBooks.Props(), "books");
        // A small backlog makes the replay wait for the books again and again: nothing may be dropped for it.
        var options = ReplayOptions.AsFastAsPossible(recording) with { Delivery = new DeliveryOptions { MaxBatch = 500, MaxBacklog = 2000 } };
        IActorRef feed = Sys.ActorOf(ReplayFeed.Props(options, books, TestActor), "replay");
        ReplayFinished finished = ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(120));

        FeedStatus status = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
        Output!.WriteLine($"{finished}; {status with { Books = [] }}; {string.Join(", ", status.Books)}");
        Assert.Equal(FeedState.Finished, status.State);
        Assert.Equal(expected.Venue, finished.Venue);
        Assert.Equal(expected.Payloads, finished.Payloads);
        Assert.All(status.Books, b => Assert.Equal(0, b.Dropped));
        Assert.NotEmpty(expected.Books);
        foreach ((string symbol, IBookSync sync) in expected.Books)
        {
            var view = await books.Ask<ReplicaBooks.ReplicaView>(new ReplicaBooks.Query(BookId.Of(expected.Venue, symbol)), TimeSpan.FromSeconds(3));
            var book = sync.Book;
            Assert.True(book.IsValid);
            Assert.True(view.IsValid);
            Assert.Equal(book.LastUpdateId, view.LastUpdateId);
            Assert.Equal(ReplicaBooks.Levels(book.Bids), view.Bids);
            Assert.Equal(ReplicaBooks.Levels(book.Asks), view.Asks);
            Assert.Equal(0, view.TickerMismatches);
            Assert.Equal(sync.Resyncs, view.Resyncs);
        }
    }

    [Fact]
    public void A_paced_replay_takes_at_least_the_recorded_time_divided_by_the_speed()
    {
        const int slice = 1500;
        const double speed = 50;
        long first = 0, last = 0;
        using (IRecordingReader reader = RecordingFormat.Open(TestRecordings.SampleSession))
        {
            for (int i = 0; i < slice && reader.TryRead(out RecordedPayload p); i++)
            {
                if (i == 0) first = p.ReceiveTimeNs;
                last = Math.Max(last, p.ReceiveTimeNs);
            }
        }
        TimeSpan expected = TimeSpan.FromSeconds((last - first) / 1e9 / speed);
        Assert.True(expected > TimeSpan.FromMilliseconds(200), $"the slice spans only {expected} at {speed}x");

        IActorRef books = Sys.ActorOf(ReplicaBooks.Props(), "books");
        var clock = Stopwatch.StartNew();
        Sys.ActorOf(ReplayFeed.Props(new ReplayOptions(TestRecordings.SampleSession) { Speed = speed, MaxPayloads = slice }, books, TestActor), "replay");
        ReplayFinished finished = ExpectMsg<ReplayFinished>(expected * 20 + TimeSpan.FromSeconds(10));
        clock.Stop();
        Output!.WriteLine($"{slice} payloads spanning {(last - first) / 1e9:F2} s recorded: expected >= {expected}, took {clock.Elapsed} ({finished.Elapsed} in the actor)");
        Assert.Equal(slice, finished.Payloads);
        Assert.True(finished.Elapsed >= expected, $"replayed in {finished.Elapsed}, faster than {expected}");
        Assert.True(clock.Elapsed >= expected);
    }

    [Fact]
    public async Task A_looping_replay_starts_a_new_run_and_the_book_resyncs_from_the_recordings_snapshot()
    {
        IActorRef books = Sys.ActorOf(ReplicaBooks.Props(), "books");
        // The slice must reach past the recording's snapshot (line 14 of the first file) and the first bracketing diff.
        var options = ReplayOptions.AsFastAsPossible(TestRecordings.SampleSession) with { Loop = true, MaxPayloads = 400 };
        IActorRef feed = Sys.ActorOf(ReplayFeed.Props(options, books, TestActor), "replay");
        string id = BookId.Of(Venue.BinanceUsdm, "BTCUSDT");
        long firstRun = 0;
        await AwaitAssertAsync(async () =>
        {
            FeedStatus s = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
            if (firstRun == 0) firstRun = s.FeedRun;
            Assert.True(s.Connects >= 3, $"{s.Connects} passes");
            Assert.NotEqual(firstRun, s.FeedRun);
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
        await AwaitAssertAsync(async () =>
        {
            var view = await books.Ask<ReplicaBooks.ReplicaView>(new ReplicaBooks.Query(id), TimeSpan.FromSeconds(3));
            Assert.True(view.Resyncs >= 1, "each new pass invalidates the book");
            Assert.Equal(0, view.TickerMismatches);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // a looping replay never finishes
    }

    [Fact]
    public async Task A_replay_stopped_midway_resumes_after_its_last_checkpoint_and_no_book_gets_an_event_twice()
    {
        const int slice = 30_000;
        var options = ReplayOptions.AsFastAsPossible(TestRecordings.SampleSession) with
        {
            MaxPayloads = slice,
            CheckpointEvery = TimeSpan.FromMilliseconds(20),
            Delivery = new DeliveryOptions { MaxBatch = 200, MaxBacklog = 1000 },
        };
        Dictionary<string, long> expected = TestRecordings.EventsPerBook(TestRecordings.SampleSession, slice);
        IActorRef books = Sys.ActorOf(ReplicaBooks.Props(), "books");

        var positions = CreateTestProbe();
        Sys.EventStream.Subscribe(positions.Ref, typeof(ReplayProgress));
        IActorRef first = Sys.ActorOf(ReplayFeed.Props(options, books, TestActor), "replay-1");
        // Stopped once a position past the start is journaled (and before the end).
        positions.FishForMessage<ReplayProgress>(p => p.Payloads > 0 || p.Finished, TimeSpan.FromSeconds(60));
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        Sys.ActorOf(ReplayFeed.Props(options, books, TestActor), "replay-2");
        ReplayFinished resumed = ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(120));
        Output!.WriteLine($"resumed: {resumed}");
        Assert.InRange(resumed.Payloads, 1, slice - 1); // from a checkpoint, which trails what was delivered
        foreach ((string id, long count) in expected)
        {
            var view = await books.Ask<ReplicaBooks.ReplicaView>(new ReplicaBooks.Query(id), TimeSpan.FromSeconds(3));
            Assert.Equal(count, view.Events);
            Assert.True(view.IsValid);
        }

        // Started again on a journal that holds the whole replay: nothing is delivered.
        Sys.ActorOf(ReplayFeed.Props(options, books, TestActor), "replay-3");
        Assert.Equal(0, ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(30)).Payloads);
        foreach ((string id, long count) in expected)
            Assert.Equal(count, (await books.Ask<ReplicaBooks.ReplicaView>(new ReplicaBooks.Query(id), TimeSpan.FromSeconds(3))).Events);
    }

    [Fact]
    public async Task A_replay_reads_no_further_while_its_books_lag_by_more_than_its_bound_and_reads_on_when_they_catch_up()
    {
        const int slice = 30_000;
        var options = new ReplayOptions(TestRecordings.SampleSession)
        {
            // Paced, the slice takes seconds to read (unpaced, a fast machine reads it all before any position is
            // 200 ms old, and nothing is left to hold back).
            Speed = 50,
            MaxPayloads = slice,
            CheckpointEvery = TimeSpan.FromMilliseconds(20),
            MaxLag = TimeSpan.FromMilliseconds(200),
            // Room for the whole slice: only the lag can stop the reading.
            Delivery = new DeliveryOptions { MaxBatch = 200, MaxBacklog = 10_000_000 },
        };
        var books = CreateTestProbe(); // acknowledges nothing until told
        IActorRef feed = Sys.ActorOf(ReplayFeed.Props(options, books.Ref, TestActor), "replay");

        FeedStatus waiting = null!;
        await AwaitAssertAsync(async () =>
        {
            waiting = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
            Assert.Contains("waiting for its books to catch up", waiting.Position);
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
        Output!.WriteLine(waiting.Position);
        Assert.InRange(waiting.Messages, 1, slice - 1);
        Assert.Equal(FeedState.Streaming, waiting.State);

        // The books catch up: every batch, sent or to come, is acknowledged, and the replay reads to its end.
        books.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is Ingest i) sender.Tell(new IngestAck(i.EntityId, i.FeedRun, i.Seq));
            return AutoPilot.KeepRunning;
        }));
        while (books.HasMessages)
        {
            Ingest sent = books.ExpectMsg<Ingest>();
            feed.Tell(new IngestAck(sent.EntityId, sent.FeedRun, sent.Seq));
        }
        ReplayFinished finished = ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(120));
        Assert.Equal(slice, finished.Payloads);
    }
}
