using System.Collections.Immutable;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Backtest;
using QuantumFlow.Host.Cli;
using QuantumFlow.Host.Training;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Backtest.Metrics;
using QuantumFlow.Models.Backtest.Strategies;
using QuantumFlow.Models.Prediction.Baselines;
using QuantumFlow.Models.Prediction.Evaluation;

namespace QuantumFlow.Host.Tests.Training;

/// <summary>The evaluate verb scores the predictions backtest and run make, with the predictor's labels; bad input is one line and exit 2.</summary>
public sealed class EvaluateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string ShippedModels() => Inspection.Repository.PathOf("models");

    [Fact]
    public void Evaluate_and_backtest_score_the_same_predictions_with_the_same_labels()
    {
        string recording = SampleRecording.Files[0];
        PredictionOptions prediction = PredictionModels.Attach(new NodeOptions(), ShippedModels(), TextWriter.Null).Prediction;
        Assert.Equal(3, prediction.TrainedModels.Count);
        Assert.Single(prediction.OnlineModels); // the logistic member

        List<MarketExamples> markets = EvaluationRun.Collect([recording], (v, sym) => ReplaySources.Replay(prediction, v, sym), ReplaySources.ModelBatch, LogisticRegressionModel.DefaultFeatures, out Models.Prediction.Live.ModelInfo[] members);
        MarketExamples market = Assert.Single(markets);
        Assert.Equal(["bayes-state", "dirichlet", "logistic", "attention-lstm", "lstm", "transformer"], members.Select(m => m.Name));

        IReplaySource source = ReplaySources.Create(new ReplaySourceOptions { Paths = [recording] }, prediction);
        var engine = new BacktestEngine(new BacktestOptions(), [new MarketMaker()]);
        engine.Run(source.Steps(CancellationToken.None));
        IReadOnlyList<ScoredPrediction> backtest = engine.Signal.Examples;

        Assert.True(market.Examples.Count > 1_000, $"{market.Examples.Count} examples");
        Assert.Equal(backtest.Count, market.Examples.Count);
        for (int i = 0; i < backtest.Count; i++)
        {
            EvaluationExample e = market.Examples[i];
            Assert.Equal(backtest[i].Sequence, e.Sequence);
            Assert.Equal(backtest[i].Said, e.Ensemble); // bit for bit
            Assert.Equal(backtest[i].Label, e.Label);
            Assert.Equal(backtest[i].ReturnBps, e.ReturnBps);
        }

        // Replaying the members' answers under the live options gives the live ensemble bit for bit: what
        // --tune-ensemble ranks other options with.
        var replayed = Models.Prediction.Ensembles.EnsembleTuning.Replay(market.Examples, members, prediction.Ensemble);
        for (int i = 0; i < replayed.Count; i++) Assert.Equal(market.Examples[i].Ensemble, replayed[i].Said);
        // The label is the checkpoints' (3 s, beyond the spread and at least 0.5 bps), not the seed's 5 bps: moves of 0.5-5 bps are not FLAT.
        Assert.Contains(market.Examples, e => Math.Abs(e.ReturnBps) is > 0.5 and < 5 && e.Label != Models.Labels.LabelClass.Flat);
        Assert.Equal(6, market.FinalEnsembleWeights.Length);
    }

    [Fact]
    public void Unseen_scores_every_labelled_prediction_with_intervals_and_keeps_in_session_baselines_apart()
    {
        string report = Path.Combine(_dir, "report.json");
        string examples = Path.Combine(_dir, "examples.csv");
        var settings = new EvaluateCommand.Settings(ShippedModels(), [SampleRecording.Files[0]], Unseen: true, BaselineData: [], RoundTripBps: 10, Out: report, Png: Path.Combine(_dir, "png"))
        {
            Examples = examples,
        };
        var error = new StringWriter();
        Assert.Equal(0, EvaluateCommand.Run(settings, TextWriter.Null, error));
        var json = System.Text.Json.JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(report))!;
        MarketEvaluation market = Assert.Single(json.Markets);
        Assert.Equal(json.Examples, market.Examples);
        Assert.Contains("horizon 3000 ms, threshold 0.5 bps (spread x1)", json.Label);
        Assert.Equal(1, market.LabelShares.Sum(), 9);
        Assert.InRange(market.MaxInputClipShare, 0, 1); // with the checkpoints' scaler
        Assert.All(market.InputsClippedOver1Percent, c => Assert.True(c.Share > 0.01 && c.Share <= market.MaxInputClipShare, c.Input));
        foreach (ModelScore m in json.Pooled)
        {
            Assert.Equal(json.Examples, m.Report.Count);
            Assert.True(m.MacroF1Interval.Low <= m.Report.MacroF1 + 1e-9 && m.Report.MacroF1 <= m.MacroF1Interval.High + 1e-9, m.Model);
            Assert.True(m.LogLossInterval.Low <= m.Report.LogLoss + 1e-9 && m.Report.LogLoss <= m.LogLossInterval.High + 1e-9, m.Model);
            Assert.True(m.MacroF1Interval.High > m.MacroF1Interval.Low, m.Model);
        }
        Assert.DoesNotContain(json.Pooled, m => m.Model.Contains("in-session", StringComparison.Ordinal));
        InSessionComparison inSession = market.InSession!;
        Assert.Contains(inSession.Models, m => m.Model == "logistic (in-session)");
        Assert.Contains(inSession.Models, m => m.Model == "ensemble");
        Assert.All(inSession.Models, m => Assert.Equal(inSession.TestExamples, m.Report.Count));
        Assert.True(inSession.FitExamples + inSession.TestExamples < market.Examples, "nothing purged between the fit and test parts");
        Assert.True(File.Exists(Path.Combine(_dir, "png", "scores.png")));
        Assert.Contains("in-session", error.ToString());

        // Every scored prediction is a CSV row; the ensemble's calls in it give the macro-F1 the report states.
        string[] lines = File.ReadAllLines(examples);
        Assert.Equal(json.Examples + 1, lines.Length);
        string[] header = lines[0].Split(',');
        int label = Array.IndexOf(header, "label"), call = Array.IndexOf(header, "ensemble_call");
        Assert.Contains("lstm.up", header);
        Assert.Contains("ensemble.flat", header);
        Assert.Equal(LogisticRegressionModel.DefaultFeatures, header.TakeLast(3));
        var confusion = new double[3, 3];
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            Assert.Equal(header.Length, cells.Length);
            confusion[(int)Enum.Parse<Models.Labels.LabelClass>(cells[label]), (int)Enum.Parse<Models.Labels.LabelClass>(cells[call])]++;
        }
        double f1 = 0;
        for (int c = 0; c < 3; c++)
        {
            double tp = confusion[c, c], called = confusion[0, c] + confusion[1, c] + confusion[2, c], actual = confusion[c, 0] + confusion[c, 1] + confusion[c, 2];
            f1 += called + actual > 0 ? 2 * tp / (called + actual) : 0;
        }
        Assert.Equal(json.Pooled.Single(m => m.Model == "ensemble").Report.MacroF1, f1 / 3, 9);
    }

    [Fact]
    public void Without_unseen_only_the_last_part_of_each_session_is_scored()
    {
        string seen = Path.Combine(_dir, "seen.json"), unseen = Path.Combine(_dir, "unseen.json");
        Assert.Equal(0, EvaluateCommand.Run(new(ShippedModels(), [SampleRecording.Files[0]], false, [], 10, seen, null), TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, EvaluateCommand.Run(new(ShippedModels(), [SampleRecording.Files[0]], true, [], 10, unseen, null), TextWriter.Null, TextWriter.Null));
        int part = System.Text.Json.JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(seen))!.Examples;
        int all = System.Text.Json.JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(unseen))!.Examples;
        Assert.Equal(all - (int)Math.Floor(all * (1 - PredictionEvaluator.TestShare)), part);
    }

    [Fact]
    public void Bad_input_is_one_line_naming_it_and_exit_2()
    {
        string models = ShippedModels();
        string random = Path.Combine(_dir, "random.bin");
        File.WriteAllBytes(random, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);
        string empty = Path.Combine(_dir, "empty.gz");
        File.WriteAllBytes(empty, []);
        string tiny = Path.Combine(_dir, "tiny.txt"); // a real recording's first lines: a book, but no label horizon
        File.WriteAllLines(tiny, ReadLines(SampleRecording.Files[0]).Take(40));
        (string[] Data, string Models, string? Out, string Expected)[] cases =
        [
            ([Path.Combine(_dir, "missing.gz")], models, null, "missing.gz: no such file"),
            ([_dir], models, null, "is a directory"),
            ([random], models, null, "random.bin"),
            ([empty], models, null, "empty.gz: the file is empty"),
            ([tiny], models, null, "no labelled prediction"),
            ([SampleRecording.Files[0]], Path.Combine(_dir, "no-models"), null, "no-models: no such directory"),
            ([SampleRecording.Files[0]], _dir, null, "no checkpoints"),
            ([SampleRecording.Files[0]], models, Path.Combine(_dir, "nowhere", "r.json"), "does not exist"),
        ];
        foreach ((string[] data, string m, string? o, string expected) in cases)
        {
            var error = new StringWriter();
            int code = EvaluateCommand.Run(new(m, data, true, [], 10, o, null), TextWriter.Null, error);
            string said = error.ToString();
            Assert.True(code == 2, $"{expected}: exit {code}, said {said}");
            string[] lines = said.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(expected, lines[^1]);
            Assert.StartsWith("error: ", lines[^1]);
            Assert.DoesNotContain("   at ", said);
        }
    }

    [Fact]
    public void Stopped_by_a_signal_it_writes_no_report_and_exits_130()
    {
        string report = Path.Combine(_dir, "stopped.json");
        var error = new StringWriter();
        int code = EvaluateCommand.Run(new(ShippedModels(), [SampleRecording.Files[0]], true, [], 10, report, null), TextWriter.Null, error,
            new CancellationToken(canceled: true));
        Assert.Equal(CliErrors.Stopped, code);
        Assert.Contains("stopped", error.ToString());
        Assert.False(File.Exists(report));
    }

    private static IEnumerable<string> ReadLines(string gz)
    {
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(gz), System.IO.Compression.CompressionMode.Decompress));
        while (reader.ReadLine() is { } line) yield return line;
    }
}
