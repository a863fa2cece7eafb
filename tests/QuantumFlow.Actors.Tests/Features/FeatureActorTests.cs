using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Tests.Features;

/// <summary>The feature child of a book, against a real SQLite journal.</summary>
public sealed class FeatureActorTests : TestKit
{
    private const string Entity = "binance-usdm:BTCUSDT";
    private readonly string _db;

    public FeatureActorTests() : base(SqliteJournal.CreateConfig("qf-features", out string db), "feature-actor-tests") => _db = db;

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteJournal.Delete(_db);
    }

    private static Props Book() => BookActor.Props(Entity, new BookActorOptions { Publish = false, SnapshotEvery = int.MaxValue },
        new Dictionary<string, Props> { [BookPipelineActor.ChildName] = BookPipelineActor.Props(Entity, new FeaturePublishOptions(), new PredictionOptions { Enabled = false }, publish: false) });

    /// <summary>The features computed directly by the pure engine over the same events.</summary>
    private static FeatureVector Direct(IEnumerable<MarketEvent> events)
    {
        var features = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        foreach (MarketEvent e in events) features.Apply(e);
        return features.Engine.Vector;
    }

    [Fact]
    public async Task Serves_the_features_the_pure_engine_computes_and_the_same_after_a_restart()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.BtcUsdm2024, 8_000);
        IActorRef book = Sys.ActorOf(Book(), "book-f1");
        Assert.IsType<NoFeatures>(await book.Ask<object>(new GetFeatures(Entity), TimeSpan.FromSeconds(10)));
        long seq = 1;
        for (int i = 0; i < events.Count; i += 700, seq++)
        {
            book.Tell(new Ingest(Entity, 1, seq, i + 1, events.Skip(i).Take(700).ToArray()), TestActor);
            ExpectMsg<IngestAck>(TimeSpan.FromSeconds(30));
        }
        FeatureVector expected = Direct(events);
        var live = await book.Ask<FeatureSnapshot>(new GetFeatures(Entity), TimeSpan.FromSeconds(10));
        Assert.Equal(expected.Sequence, live.Sequence);
        Assert.Equal(expected.Schema.Names, live.Names);
        Assert.Equal(expected.Values.ToArray(), live.Values);
        Assert.Equal(1.0, live["book_valid"]);

        Watch(book);
        book.Tell(PoisonPill.Instance);
        ExpectTerminated(book);
        IActorRef again = Sys.ActorOf(Book(), "book-f2");
        var recovered = await again.Ask<FeatureSnapshot>(new GetFeatures(Entity), TimeSpan.FromSeconds(30));
        Assert.Equal(live.Sequence, recovered.Sequence);
        Assert.Equal(live.Values, recovered.Values);
    }

    [Fact]
    public void The_serializer_round_trips_a_feature_snapshot()
    {
        var serializer = new QuantumFlowSerializer((ExtendedActorSystem)Sys);
        var f = new FeatureSnapshot(Entity, 5, 6, 7, 8, ["a", "b"], [1.5, double.NaN]);
        var back = (FeatureSnapshot)serializer.FromBinary(serializer.ToBinary(f), serializer.Manifest(f));
        Assert.Equal((f.EntityId, f.Sequence, f.TimeNs), (back.EntityId, back.Sequence, back.TimeNs));
        Assert.Equal(f.Names, back.Names);
        Assert.Equal(f.Values, back.Values);
    }
}
