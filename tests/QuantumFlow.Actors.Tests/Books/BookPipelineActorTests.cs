using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Tests.Books;

/// <summary>A book's one pipeline child: one feature engine feeds both its feature publication and its predictor.</summary>
public sealed class BookPipelineActorTests : TestKit
{
    private const string Entity = "binance-usdm:BTCUSDT";
    private readonly string _db;

    public BookPipelineActorTests() : base(SqliteJournal.CreateConfig("qf-pipeline", out string db), "book-pipeline-tests") => _db = db;

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteJournal.Delete(_db);
    }

    /// <summary>A batch model that keeps the latest row of every window it is asked about (the vector the prediction was made from).</summary>
    private sealed class RowModel : IProbabilisticModel
    {
        public ConcurrentQueue<double[]> Rows { get; } = new();
        public string Name => "rows";
        public string Version => "test/1";
        public int WindowLength => 2;

        public ClassProbabilities Predict(FeatureWindow window)
        {
            Rows.Enqueue(window.Latest.ToArray());
            return new ClassProbabilities(0.3, 0.3, 0.4);
        }
    }

    [Fact]
    public async Task The_features_a_book_serves_are_the_rows_its_predictor_used()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.BtcUsdm2024, 6_000);
        var model = new RowModel();
        // Not the default features: a second engine built from other options (the old feature child) would serve other values.
        FeatureOptions features = FeatureOptions.Default with { AdaptiveAlpha = 0.5, FairValueHalfLifeMs = 500 };
        var options = new PredictionOptions { Features = features, TrainedModels = [model], Labels = LabelOptions.Default with { Horizon = 20, ThresholdBps = 0.5 } };
        IActorRef book = Sys.ActorOf(BookActor.Props(Entity, new BookActorOptions { Publish = false, SnapshotEvery = int.MaxValue },
            new Dictionary<string, Props> { [BookPipelineActor.ChildName] = BookPipelineActor.Props(Entity, new FeaturePublishOptions(), options, publish: false) }), "book-pipe1");
        Sys.EventStream.Subscribe(TestActor, typeof(PredictionEvent));

        // After each batch: the features served then (the child answers after taking every event before the question).
        var served = new List<FeatureSnapshot>();
        long seq = 1;
        for (int i = 0; i < events.Count; i += 400, seq++)
        {
            var ingest = new Ingest(Entity, 1, seq, i + 1, events.Skip(i).Take(400).ToArray());
            await book.Ask<IngestAck>(ingest, TimeSpan.FromSeconds(30));
            if (await book.Ask<object>(new GetFeatures(Entity), TimeSpan.FromSeconds(10)) is FeatureSnapshot f) served.Add(f);
        }
        var reference = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT", features);
        int valid = reference.Engine.Schema.IndexOf(FeatureNames.BookValid);
        int predictions = events.Count(e => reference.Apply(e) is { } v && v[valid] == 1);
        var predicted = new List<PredictionEvent>();
        while (predicted.Count < predictions) predicted.Add(ExpectMsg<PredictionEvent>(TimeSpan.FromSeconds(30)));

        // The model was asked in prediction order: its i-th row is the vector of the i-th prediction.
        double[][] rows = [.. model.Rows];
        Assert.Equal(predicted.Count, rows.Length);
        Dictionary<long, double[]> rowOf = predicted.Select((p, i) => (p.Sequence, Row: rows[i])).ToDictionary(x => x.Sequence, x => x.Row);
        List<FeatureSnapshot> compared = [.. served.Where(f => rowOf.ContainsKey(f.Sequence))];
        Assert.True(compared.Count >= 10, $"only {compared.Count} of {served.Count} served vectors were predicted from");
        foreach (FeatureSnapshot f in compared)
        {
            Assert.Equal(reference.Engine.Schema.Names, f.Names);
            Assert.Equal(rowOf[f.Sequence], f.Values);
        }
        // They are these options' features, which differ from the defaults'.
        double[] last = (await book.Ask<FeatureSnapshot>(new GetFeatures(Entity), TimeSpan.FromSeconds(10))).Values.ToArray();
        Assert.Equal(reference.Engine.Vector.Values.ToArray(), last);
        var defaults = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        foreach (MarketEvent e in events) defaults.Apply(e);
        Assert.NotEqual(defaults.Engine.Vector.Values.ToArray(), last);
    }
}
