using System.Collections.Concurrent;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;

namespace QuantumFlow.Actors.Tests.Hosting;

/// <summary>A node stopping while its feed still sends, as `quantumflow run` does on Ctrl+C.</summary>
public sealed class NodeShutdownTests : TestKit
{
    public NodeShutdownTests() : base("akka.loglevel = WARNING", "node-shutdown-probe") { }

    [Fact]
    public async Task A_node_stops_its_feed_before_its_books_are_handed_off_so_the_region_stops_without_waiting_out_its_timeout()
    {
        string db = Path.Combine(Path.GetTempPath(), $"qf-node-{Guid.NewGuid():N}.db");
        // At 10x the sample lasts 48 s: the feed is still sending when the node stops.
        var spec = new FeedSpec(FeedKind.Replay) { Paths = TestRecordings.SampleSession, Speed = 10 };
        NodeOptions options = FeedPlacement.WithFeedRole(
            new NodeOptions { Journal = JournalOptions.Parse("sqlite:" + db), Prediction = new PredictionOptions { Enabled = false } }, spec);
        var warnings = new ConcurrentQueue<string>();
        bool? feedStoppedWhenRegionStops = null;
        try
        {
            using IHost node = await QuantumFlowNode.StartAsync(options);
            ActorSystem system = node.ActorSystem();
            system.EventStream.Subscribe(system.ActorOf(Props.Create(() => new Recorder(warnings))), typeof(Warning));
            var progress = CreateTestProbe(system);
            system.EventStream.Subscribe(progress.Ref, typeof(ReplayProgress));
            FeedPlacement.Start(system, spec, node.BookRegion());
            // The feed is sending: its books have journaled a position.
            progress.FishForMessage<ReplayProgress>(p => p.Payloads > 0, TimeSpan.FromSeconds(60));
            IActorRef feed = await system.ActorSelection($"/user/{spec.ActorName}/{FeedPlacement.SingletonName}").ResolveOne(TimeSpan.FromSeconds(5));
            // Read in the phase that stops the shard region, which starts once every earlier phase is done: a pure
            // read of the feed's state then, not the order two watchers happen to be scheduled in.
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseClusterShardingShutdownRegion, "probe-feed-stopped", () =>
            {
                // Obsolete for actors, which should watch; a watcher's Terminated would arrive after this phase began.
#pragma warning disable CS0618
                feedStoppedWhenRegionStops = ((IInternalActorRef)feed).IsTerminated;
#pragma warning restore CS0618
                return Task.FromResult(Done.Instance);
            });

            await node.StopAsync();

            Assert.True(system.WhenTerminated.IsCompleted);
            Assert.True(feedStoppedWhenRegionStops, "the feed was still running when the shard region began to stop");
            Assert.DoesNotContain(warnings, w => w.Contains("shutdown of shard region timed out"));
        }
        finally
        {
            SqliteJournal.Delete(db);
        }
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(ConcurrentQueue<string> into) => Receive<Warning>(w => into.Enqueue(w.Message?.ToString() ?? ""));
    }
}
