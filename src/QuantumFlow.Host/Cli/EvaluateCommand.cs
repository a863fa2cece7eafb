using System.CommandLine;
using System.Text.Json;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Backtest;
using QuantumFlow.Host.Training;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.Prediction.Evaluation;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Host.Cli;

/// <summary>
/// <c>quantumflow evaluate</c>: the predictions `run` and `backtest` make (same predictor, networks, learners,
/// ensemble and labels, the label read from the checkpoints), scored per market and pooled, with the baselines and
/// block-bootstrap intervals. Bad input is one line on stderr and exit 2.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var modelsDir = new Option<string>("--models") { Description = "Checkpoint directory (from train); its label definition is the one scored.", DefaultValueFactory = _ => "models" };
        var data = new Option<string[]>("--data") { Description = "Recordings to score; each file is one session, each of its books one market.", Required = true, AllowMultipleArgumentsPerToken = true };
        var unseen = new Option<bool>("--unseen") { Description = "The recordings were not used in training: score every labelled prediction (default: only the last 15 % of each, the train verb's test part)." };
        var baselineData = new Option<string[]>("--baseline-data") { Description = "Recordings to fit the logistic and majority baselines on (the training data), scored next to the models.", AllowMultipleArgumentsPerToken = true };
        var roundTrip = new Option<double>("--round-trip-bps") { Description = "Round-trip cost in bps: the share of labelled moves larger than it is reported per market.", DefaultValueFactory = _ => 10 };
        var output = new Option<string?>("--out") { Description = "Write the JSON report here (default: stdout)." };
        var png = new Option<string?>("--png") { Description = "Also write scores.png and reliability.png into this directory." };
        var tune = new Option<bool>("--tune-ensemble") { Description = "Rank the ensemble's temperature, half-life, floor, prior weight and floor ramp on each session before its test part (the first 85 %), replaying the members' answers; printed, not applied." };
        var examples = new Option<string?>("--examples") { Description = "Also write every scored prediction as CSV here (each model's and the ensemble's probabilities, the ensemble's call, the label, the move, and which prediction resolved it)." };
        var command = new Command("evaluate", "Accuracy, balanced accuracy, macro-F1 and log-loss with intervals, per-class precision/recall, confusion and calibration of each model, the ensemble and the baselines, per market and pooled.");
        foreach (Option o in new Option[] { modelsDir, data, unseen, baselineData, roundTrip, output, png, tune, examples }) command.Options.Add(o);
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(new Settings(parse.GetValue(modelsDir)!, parse.GetValue(data)!,
            parse.GetValue(unseen), parse.GetValue(baselineData) ?? [], parse.GetValue(roundTrip), parse.GetValue(output), parse.GetValue(png), parse.GetValue(tune), parse.GetValue(examples)),
            Console.Out, Console.Error, cancellationToken)));
        return command;
    }

    public sealed record Settings(string Models, IReadOnlyList<string> Data, bool Unseen, IReadOnlyList<string> BaselineData, double RoundTripBps, string? Out, string? Png, bool TuneEnsemble = false, string? Examples = null);

    /// <returns>0, or 2 for bad input (one line on <paramref name="error"/>).</returns>
    public static int Run(Settings s, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (Validate(s) is { } problem)
        {
            error.WriteLine($"error: {problem}");
            return 2;
        }
        try
        {
            PredictionOptions prediction = PredictionModels.Attach(new NodeOptions(), s.Models, error).Prediction;
            if (prediction.TrainedModels.Count == 0) throw new ArgumentException($"--models {s.Models}: no checkpoints (*.weights) there");
            Func<Venue, string, PredictionReplay> replay = (venue, symbol) => ReplaySources.Replay(prediction, venue, symbol);
            var settings = new PredictionEvaluator.Settings { AllUnseen = s.Unseen, Label = prediction.Labels, RoundTripCostBps = s.RoundTripBps };
            if (s.BaselineData.Count > 0)
            {
                List<MarketExamples> fit = EvaluationRun.Collect(s.BaselineData, replay, ReplaySources.ModelBatch, settings.BaselineFeatures, out _, cancellationToken);
                settings = settings with { TrainedBaselines = FittedBaselines.Fit(fit, settings.BaselineFeatures, string.Join(", ", s.BaselineData.Select(Path.GetFileName))) };
            }
            Scaler inputs = NetworkCheckpoint.Read(Directory.EnumerateFiles(s.Models, "*.weights").Order(StringComparer.Ordinal)
                .Select(w => Path.ChangeExtension(w, ".json")).First(File.Exists)).Scaler();
            List<MarketExamples> markets = EvaluationRun.Collect(s.Data, replay, ReplaySources.ModelBatch, settings.BaselineFeatures, out ModelInfo[] members, cancellationToken, inputs);
            foreach (MarketExamples m in markets.Where(m => m.Examples.Count == 0))
                error.WriteLine($"warning: {m.Market}: no labelled prediction (the book never became valid, or the recording is shorter than the label horizon)");
            if (markets.All(m => m.Examples.Count == 0))
                throw new ArgumentException($"no labelled prediction in {string.Join(", ", s.Data)} (no valid book, or shorter than the label horizon: {prediction.Labels.Describe()})");

            string[] names = [.. members.Select(m => m.Name)];
            if (s.Examples is { } csv)
            {
                using var writer = new StreamWriter(csv);
                ExampleTable.Write(writer, markets, names, settings.BaselineFeatures);
            }
            if (s.TuneEnsemble) Tune(markets, members, prediction, error);
            EvaluationReport report = PredictionEvaluator.Evaluate(markets, names, settings);
            string json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
            if (s.Out is { } path) File.WriteAllText(path, json);
            else output.WriteLine(json);
            if (s.Png is { } pngDir)
            {
                foreach (string file in EvaluationCharts.Write(report, pngDir)) error.WriteLine($"wrote {file}");
            }
            WriteTables(report, error);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or MarketDataException or IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            return CliErrors.Report(error, e);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("stopped: no report written");
            return CliErrors.Stopped;
        }
    }

    /// <summary>Ranks ensemble options on each session's labelled predictions before its test part (the first 85 %).</summary>
    private static void Tune(List<MarketExamples> markets, ModelInfo[] members, PredictionOptions prediction, TextWriter w)
    {
        List<IReadOnlyList<EvaluationExample>> beforeTest = [.. markets.Where(m => m.Examples.Count > 0)
            .Select(m => (IReadOnlyList<EvaluationExample>)[.. m.Examples.Take((int)(m.Examples.Count * (1 - PredictionEvaluator.TestShare)))])];
        var ranked = EnsembleTuning.Rank(beforeTest, members, prediction.Ensemble);
        double current = beforeTest.Sum(v => EnsembleTuning.Replay(v, members, prediction.Ensemble).Sum(p => p.LogLoss)) / beforeTest.Sum(v => v.Count);
        w.WriteLine($"ensemble tuning on {beforeTest.Sum(v => v.Count)} predictions before the test part of each session (the first 85 %); current options: log-loss {current:F4}");
        foreach (var (options, loss) in ranked.Take(8))
            w.WriteLine($"  temperature {options.Temperature,-5} half-life {options.HalfLife,-6} floor {options.Floor,-5} prior weight {options.PriorWeight,-4} floor ramp {options.FloorRamp,-4} log-loss {loss:F4}");
    }

    /// <summary>What can be known before any work: every path exists and is what it should be.</summary>
    private static string? Validate(Settings s)
    {
        if (s.Data.Count == 0) return "--data: no recording given";
        foreach (string p in s.Data.Concat(s.BaselineData))
        {
            if (Directory.Exists(p)) return $"{p}: is a directory; give the recording files";
            if (!File.Exists(p)) return $"{p}: no such file";
            if (new FileInfo(p).Length == 0) return $"{p}: the file is empty";
        }
        if (!Directory.Exists(s.Models)) return $"--models {s.Models}: no such directory";
        if (!Directory.EnumerateFiles(s.Models, "*.weights").Any()) return $"--models {s.Models}: no checkpoints (*.weights) there";
        foreach ((string option, string? f) in new[] { ("--out", s.Out), ("--examples", s.Examples) })
        {
            if (f is null) continue;
            if (Directory.Exists(f)) return $"{option} {f}: is a directory; give a file name";
            string dir = Path.GetDirectoryName(Path.GetFullPath(f))!;
            if (!Directory.Exists(dir)) return $"{option} {f}: the folder {dir} does not exist";
        }
        if (!(s.RoundTripBps >= 0) || !double.IsFinite(s.RoundTripBps)) return $"--round-trip-bps {s.RoundTripBps}: must be a finite number >= 0";
        return null;
    }

    private static void WriteTables(EvaluationReport report, TextWriter w)
    {
        w.WriteLine($"{report.Examples} labelled predictions scored ({report.Data}); label: {report.Label}");
        w.WriteLine($"intervals: {report.Bootstrap}");
        Table(w, "pooled", report.Pooled);
        foreach (MarketEvaluation m in report.Markets)
        {
            w.WriteLine();
            w.WriteLine($"{m.Market}: {m.Examples} examples over {m.SpanSeconds:F0} s; labels down/flat/up {m.LabelShares[0]:P0}/{m.LabelShares[1]:P0}/{m.LabelShares[2]:P0}; moves beyond the {report.RoundTripCostBps} bps round trip {m.ShareBeyondRoundTripCost:P2}; inputs at their clip: at most {m.MaxInputClipShare:P2} of rows" +
                (m.InputsClippedOver1Percent.Count == 0 ? "" : $" ({string.Join(", ", m.InputsClippedOver1Percent.Select(c => $"{c.Input} {c.Share:P1}"))})"));
            Table(w, "  not fit on this recording", m.Models);
            if (m.InSession is { } i) Table(w, $"  in-session: {i.Description}", i.Models);
        }
    }

    private static void Table(TextWriter w, string title, IReadOnlyList<ModelScore> scores)
    {
        w.WriteLine(title);
        w.WriteLine($"  {"model",-26} {"acc",6} {"bal.acc",7} {"macroF1",7} {"[95% CI]",15} {"logloss",7} {"[95% CI]",15} {"ECE",6}");
        foreach (ModelScore m in scores)
        {
            ClassificationReport r = m.Report;
            w.WriteLine($"  {m.Model,-26} {r.Accuracy,6:F3} {r.BalancedAccuracy,7:F3} {r.MacroF1,7:F3} [{m.MacroF1Interval.Low:F3}, {m.MacroF1Interval.High:F3}] {r.LogLoss,7:F3} [{m.LogLossInterval.Low:F3}, {m.LogLossInterval.High:F3}] {r.ExpectedCalibrationError,6:F3}");
        }
    }
}
