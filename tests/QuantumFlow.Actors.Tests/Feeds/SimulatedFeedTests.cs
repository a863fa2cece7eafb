using Akka.Actor;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Feeds.Simulated;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Simulation;
using Xunit.Abstractions;

namespace QuantumFlow.Actors.Tests.Feeds;

public class SimulatedFeedTests(ITestOutputHelper output) : TestKit("akka.loglevel = INFO", output)
{
    [Fact]
    public async Task The_simulated_feed_delivers_the_models_events_and_resends_what_was_not_acknowledged()
    {
        string[] symbols = ["SIM-A", "SIM-B"];
        const long events = 20_000;
        // The books swallow the first two acks: the feed must resend those batches after the ack timeout.
        IActorRef books = Sys.ActorOf(ReplicaBooks.Props(acksToSwallow: 2), "books");
        var options = new SimulatedFeedOptions(symbols)
        {
            Seed = 5,
            EventsPerSecond = 100_000,
            MaxEvents = events,
            Delivery = new DeliveryOptions { AckTimeout = TimeSpan.FromMilliseconds(300), MaxBatch = 2000 },
        };
        IActorRef feed = Sys.ActorOf(SimulatedFeed.Props(options, books), "sim");

        FeedStatus? status = null;
        await AwaitAssertAsync(async () =>
        {
            status = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
            Assert.Equal(FeedState.Finished, status.State);
            Assert.All(status.Books, b => Assert.True(b.Backlog == 0 && !b.InFlight, b.ToString()));
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        Output!.WriteLine($"{status! with { Books = [] }}");
        Assert.True(status.Resends >= 2, $"{status.Resends} resends");

        var model = new SimulatedMarket(symbols, 5);
        var scratch = new List<MarketEvent>();
        for (long i = 0; i < events; i++) model.Next(scratch);
        foreach (QueueReactiveBook expected in model.Books)
        {
            var view = await books.Ask<ReplicaBooks.ReplicaView>(new ReplicaBooks.Query(BookId.Of(Venue.Simulated, expected.Symbol)), TimeSpan.FromSeconds(3));
            BookSnapshot snap = expected.Snapshot();
            Assert.True(view.IsValid);
            Assert.Equal(expected.UpdateId, view.LastUpdateId);
            Assert.Equal(snap.Levels.Where(l => l.Side == Side.Bid).Select(l => (l.Price, l.Quantity)), view.Bids.Select(l => (l.Price, l.Quantity)));
            Assert.Equal(snap.Levels.Where(l => l.Side == Side.Ask).Select(l => (l.Price, l.Quantity)), view.Asks.Select(l => (l.Price, l.Quantity)));
            Assert.True(view.DuplicateBatches >= 0);
        }
    }

    [Fact]
    public async Task A_book_that_asks_for_a_snapshot_gets_the_models_current_book()
    {
        var options = new SimulatedFeedOptions(["SIM"]) { EventsPerSecond = 1000 };
        IActorRef feed = Sys.ActorOf(SimulatedFeed.Props(options, TestActor), "sim");
        Ingest first = ExpectMsg<Ingest>(TimeSpan.FromSeconds(5));
        Assert.IsType<BookSnapshot>(first.Events[0]);
        feed.Tell(new IngestAck(first.EntityId, first.FeedRun, first.Seq));
        feed.Tell(new SnapshotNeeded(first.EntityId, Venue.Simulated, "SIM", "test"));
        bool snapshotAgain = false;
        Within(TimeSpan.FromSeconds(10), () =>
        {
            while (!snapshotAgain)
            {
                Ingest next = ExpectMsg<Ingest>();
                feed.Tell(new IngestAck(next.EntityId, next.FeedRun, next.Seq));
                snapshotAgain = next.Events.Any(e => e is BookSnapshot);
            }
        });
        FeedStatus status = await feed.Ask<FeedStatus>(GetFeedStatus.Instance, TimeSpan.FromSeconds(3));
        Assert.Equal(1, status.SnapshotsFetched);
        Assert.Equal(FeedState.Streaming, status.State);
    }
}
