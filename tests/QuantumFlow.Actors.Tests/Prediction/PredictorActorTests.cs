using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Tests.Prediction;

/// <summary>The prediction child of a book, against a real SQLite journal and a real recording.</summary>
public sealed class PredictorActorTests : TestKit
{
    private const string Entity = "binance-usdm:BTCUSDT";
    private readonly string _db;

    public PredictorActorTests() : base(SqliteJournal.CreateConfig("qf-predict", out string db), "predictor-actor-tests") => _db = db;

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteJournal.Delete(_db);
    }

    /// <summary>The sequences of the valid book updates, computed by the pure engine over the same events.</summary>
    private static List<long> ValidUpdates(IEnumerable<MarketEvent> events)
    {
        var features = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        int valid = features.Engine.Schema.IndexOf(FeatureNames.BookValid);
        var sequences = new List<long>();
        foreach (MarketEvent e in events)
        {
            if (features.Apply(e) is { } v && v[valid] == 1) sequences.Add(v.Sequence);
        }
        return sequences;
    }

    [Fact]
    public async Task Predicts_once_per_valid_book_update_with_every_model_and_learns_from_resolved_labels()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.BtcUsdm2024, 4_000);
        var model = new RecordingModel(windowLength: 8);
        var options = new PredictionOptions { TrainedModels = [model], Labels = LabelOptions.Default with { Horizon = 20, ThresholdBps = 0.5 } };
        IActorRef book = Sys.ActorOf(BookActor.Props(Entity, new BookActorOptions { Publish = false, SnapshotEvery = int.MaxValue },
            new Dictionary<string, Props> { [BookPipelineActor.ChildName] = BookPipelineActor.Props(Entity, new FeaturePublishOptions(), options, publish: false) }), "book-p1");
        Assert.IsType<NoPrediction>(await book.Ask<object>(new GetPrediction(Entity), TimeSpan.FromSeconds(10)));
        Sys.EventStream.Subscribe(TestActor, typeof(PredictionEvent));

        long seq = 1;
        for (int i = 0; i < events.Count; i += 500, seq++)
        {
            book.Tell(new Ingest(Entity, 1, seq, i + 1, events.Skip(i).Take(500).ToArray()), ActorRefs.Nobody);
        }
        List<long> expected = ValidUpdates(events);
        Assert.True(expected.Count > 1_000, $"only {expected.Count} valid updates in the sample");
        var received = new List<PredictionEvent>();
        while (received.Count < expected.Count) received.Add(ExpectMsg<PredictionEvent>(TimeSpan.FromSeconds(30)));

        Assert.Equal(expected, received.Select(p => p.Sequence));
        foreach (PredictionEvent p in received)
        {
            Assert.Equal(["bayes-state", "dirichlet", "recording"], p.Models.Select(m => m.Name));
            Assert.Equal("test/1", p.Models[2].Version);
            Assert.Equal(1, p.Models.Sum(m => m.Weight), 9);
            Assert.Equal(1, p.Down + p.Flat + p.Up, 9);
            Assert.Equal(Math.Max(p.Down, Math.Max(p.Flat, p.Up)), p.Confidence);
            Assert.True(p.LatencyNs > 0);
        }
        // The window fills up to the model's length and then stays full.
        int[] rows = [.. model.WindowRows];
        Assert.Equal(expected.Count, rows.Length);
        Assert.True(rows.Zip(rows.Skip(1)).All(r => r.Item1 <= r.Item2), "the window shrank");
        Assert.Equal(8, rows[^1]);
        Assert.True(rows.Count(r => r == 8) > expected.Count - 8);

        // Labels resolved (horizon 20): the learners moved off uniform and the weights off equal.
        PredictionEvent last = received[^1];
        Assert.NotEqual(1.0 / 3, last.Models[0].Down, 6);
        Assert.True(last.Models.Select(m => m.Weight).Distinct().Count() > 1, "weights never moved");
        var asked = await book.Ask<PredictionEvent>(new GetPrediction(Entity), TimeSpan.FromSeconds(10));
        Assert.Equal(last.Sequence, asked.Sequence);
    }

    [Fact]
    public void The_model_actor_batches_what_queued_while_it_was_busy()
    {
        using var hold = new ManualResetEventSlim(false);
        var model = new RecordingModel(1, hold);
        IActorRef actor = Sys.ActorOf(ModelActor.Props(model));
        var window = new FeatureWindow(["x"], 1);
        window.Push([1.0]);
        for (int i = 0; i < 100; i++) actor.Tell(new ModelRequest(0, i, window), TestActor);
        hold.Set();
        var replies = Enumerable.Range(0, 100).Select(_ => ExpectMsg<ModelReply>(TimeSpan.FromSeconds(10))).ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), replies.Select(r => r.Sequence));
        Assert.Equal(0.6, replies[^1].Probabilities.Up);
        Assert.Equal(100, model.BatchSizes.Sum());
        Assert.True(model.BatchSizes.Max() >= 50, $"batches: {string.Join(",", model.BatchSizes)}");
    }

    [Fact]
    public void The_serializer_round_trips_predictions_and_their_questions()
    {
        var serializer = new QuantumFlowSerializer((ExtendedActorSystem)Sys);
        var p = new PredictionEvent(Entity, 7, 8, 9, [new ModelOutput("a", "v1", 0.25, 0.1, 0.2, 0.7), new ModelOutput("b", "v2", 0.75, 0.3, 0.3, 0.4)],
            0.25, 0.275, 0.475, LabelClass.Up, 0.475, 1234);
        var back = (PredictionEvent)serializer.FromBinary(serializer.ToBinary(p), serializer.Manifest(p));
        Assert.Equal(p with { Models = back.Models }, back);
        Assert.Equal(p.Models, back.Models);
        var ask = new GetPrediction(Entity);
        Assert.Equal(ask, serializer.FromBinary(serializer.ToBinary(ask), serializer.Manifest(ask)));
        var none = new NoPrediction(Entity);
        Assert.Equal(none, serializer.FromBinary(serializer.ToBinary(none), serializer.Manifest(none)));
    }
}
