using Akka.Actor;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Actors.Tests.Backtest;

/// <summary>The predictor actor when its models are slower than the label horizon: it holds the book's events back, and predicts exactly what the replay does.</summary>
public sealed class PredictorHoldTests : TestKit
{
    private const string Entity = "binance-usdm:BTCUSDT";
    private readonly string _db;

    public PredictorHoldTests() : base(SqliteJournal.CreateConfig("qf-hold", out string db), "predictor-hold-tests") => _db = db;

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteJournal.Delete(_db);
    }

    [Fact]
    public async Task A_model_stuck_past_the_horizon_delays_predictions_but_changes_none()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.BtcUsdm2024, 6_000);
        using var gate = new ManualResetEventSlim(false);
        PredictionOptions options = LiveReplayEqualityTests.Options(new WindowModel(8, gate));
        IActorRef book = Sys.ActorOf(BookActor.Props(Entity, new BookActorOptions { Publish = false, SnapshotEvery = int.MaxValue },
            new Dictionary<string, Props> { [BookPipelineActor.ChildName] = BookPipelineActor.Props(Entity, new FeaturePublishOptions(), options, publish: false) }), "book-hold");
        Sys.EventStream.Subscribe(TestActor, typeof(PredictionEvent));
        long seq = 1;
        for (int i = 0; i < events.Count; i += 500, seq++) book.Tell(new Ingest(Entity, 1, seq, i + 1, events.Skip(i).Take(500).ToArray()), ActorRefs.Nobody);

        // All journaled and handed to the predictor; it answers this question only after taking all of them in, and with
        // its model stuck on the first batch it cannot have finished a prediction: every later one is held back.
        await AwaitAssertAsync(async () => Assert.Equal(events.Count,
            (await book.Ask<BookView>(new GetBook(Entity, 1), TimeSpan.FromSeconds(10))).EventsJournaled), TimeSpan.FromSeconds(30));
        Assert.IsType<NoPrediction>(await book.Ask<object>(new GetPrediction(Entity), TimeSpan.FromSeconds(10)));
        gate.Set();

        var replay = new PredictionReplay(options.CreatePredictor(Venue.BinanceUsdm, "BTCUSDT", copyWindows: false));
        List<CompletedPrediction> expected = [.. replay.Run(events, everyEvent: false).Select(s => s.Prediction!)];
        Assert.True(expected.Count > 1_000, $"only {expected.Count} predictions");
        var live = new List<PredictionEvent>();
        while (live.Count < expected.Count) live.Add(ExpectMsg<PredictionEvent>(TimeSpan.FromSeconds(30)));
        PredictionAssert.Same(live, expected);
    }
}
