using System.Net;
using Akka.Actor;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Feeds.Simulated;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Inspection.Server;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Actors.Tests.Prediction;
using QuantumFlow.Inspection;
using QuantumFlow.Inspection.Protocol;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Actors.Tests.Inspection;

/// <summary>
/// The prediction palettes of `quantumflow pbm` against a node that predicts with the online learners, an exported
/// network every book follows itself, and a batch model in a model actor.
/// </summary>
public sealed class PredictionInspectionTests : IAsyncLifetime
{
    private IHost _host = null!;
    private ProtocolClient _client = null!;
    private readonly RecordingModel _model = new(windowLength: 5);
    private readonly NeuralSequenceModel _network = TestNetworks.Lstm("net", windowLength: 6,
        [FeatureNames.SpreadBps, FeatureNames.DepthImbalance, FeatureNames.VolumeImbalanceRatio, FeatureNames.MicroPriceBpsDeviation]);

    public async Task InitializeAsync()
    {
        var options = new NodeOptions
        {
            Journal = JournalOptions.Parse("memory"),
            Inspection = new InspectionOptions { Port = 0 },
            Prediction = new PredictionOptions { TrainedModels = [_model, _network], Labels = LabelOptions.Default with { Horizon = 10 } },
        };
        _host = await QuantumFlowNode.StartAsync(options);
        IPEndPoint endpoint = InspectionHost.Get(_host.ActorSystem())?.Endpoint ?? throw new InvalidOperationException("no inspection host");
        _client = await ProtocolClient.ConnectAsync(endpoint);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Tail_streams_the_books_predictions_and_model_list_and_ensemble_weights_describe_them()
    {
        ProtocolClient.Answer none = await _client.RunAsync("model list");
        Assert.Equal(ExitCodes.Ok, none.End.Exit);
        Assert.Empty(none.Table("models").Rows);
        Assert.Equal(ExitCodes.Failed, (await _client.RunAsync("ensemble weights -s sim:SIM-A")).End.Exit);

        // The tail subscribes first (its note says so), then the feed starts: every row is a prediction of SIM-A, in order.
        // The feed runs until the tail has its 50 rows (up to 30 s of events), then stops: a burst of 2,000 events once
        // left the tail waiting in CI under load, and a feed still running when the node stops makes the stop take 10 s.
        long tail = await _client.SendAsync("predictions tail -s sim:SIM-A");
        Assert.IsType<NoteFrame>(await _client.NextAsync(TimeSpan.FromSeconds(10)));
        IActorRef feed = _host.ActorSystem().ActorOf(SimulatedFeed.Props(new SimulatedFeedOptions(["SIM-A", "SIM-B"]) { MaxEvents = 60_000, EventsPerSecond = 2_000 },
            _host.BookRegion()), "feed-sim");
        var rows = new List<RowFrame>();
        while (rows.Count < 50)
        {
            InspectionFrame frame;
            try
            {
                frame = await _client.NextAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"the tail went quiet for 30 s after {rows.Count} rows of SIM-A", e);
            }
            if (frame is RowFrame r) rows.Add(r);
        }
        await feed.GracefulStop(TimeSpan.FromSeconds(10));
        await _client.CancelAsync(tail);
        InspectionFrame next;
        do next = await _client.NextAsync(TimeSpan.FromSeconds(10));
        while (next is RowFrame or NoteFrame);
        Assert.Equal(new EndFrame(tail, ExitCodes.Ok, null), next);
        long[] sequences = [.. rows.Select(r => Convert.ToInt64(r.Values[1]))];
        Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.Item1 < p.Item2), "predictions out of order");
        Assert.All(rows, r => Assert.Contains("recording=0.20/0.20/0.60", (string)r.Values[7]!));

        // Ensemble weights: what the predictor itself answers, one row per model.
        PredictionEvent direct = await _host.BookRegion().Ask<PredictionEvent>(new GetPrediction("sim:SIM-A"), TimeSpan.FromSeconds(10));
        ProtocolClient.Answer weights = await _client.RunAsync("ensemble weights -s SIM-A");
        Assert.Equal(ExitCodes.Ok, weights.End.Exit);
        var table = weights.Rows("ensemble of sim:SIM-A");
        Assert.Equal(["bayes-state", "dirichlet", "net", "recording"], table.Select(r => (string)r["model"]!));
        Assert.Equal(1, table.Sum(r => Convert.ToDouble(r["weight"])), 3);
        Assert.Contains(weights.Notes, n => n.StartsWith("as of prediction", StringComparison.Ordinal));
        Assert.Equal(direct.Models.Select(m => m.Name), table.Select(r => (string)r["model"]!));

        // Model list: the network the books follow and the hosted batch model, with every window they scored counted.
        ProtocolClient.Answer models = await _client.RunAsync("model list");
        var listed = models.Rows("models");
        Assert.Equal(["net", "recording"], listed.Select(r => (string)r["model"]!));
        var model = listed[1];
        Assert.Equal("test/1", model["version"]);
        long scored = Convert.ToInt64(model["windows-scored"]);
        Assert.InRange(scored, sequences.Length, _model.WindowRows.Count);
        Assert.Equal(0L, Convert.ToInt64(model["failed-batches"]));
        var network = listed[0];
        Assert.Equal("test-net/1", network["version"]);
        Assert.Equal("NeuralSequenceModel (per book)", network["implementation"]);
        Assert.InRange(Convert.ToInt64(network["windows-scored"]), sequences.Length, _network.Usage.Predictions);
        Assert.True(Convert.ToDouble(network["ms-per-window"]) > 0);
    }
}
