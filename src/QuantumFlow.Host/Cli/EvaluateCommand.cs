using System.CommandLine;
using System.Text.Json;
using QuantumFlow.Host.Training;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Evaluation;
using QuantumFlow.Models.Prediction.Training;
using QuantumFlow.Models.Torch;

namespace QuantumFlow.Host.Cli;

/// <summary><c>quantumflow evaluate</c>: every checkpoint, the ensemble and the baselines on examples no model saw; JSON out.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var modelsDir = new Option<string>("--models") { Description = "Checkpoint directory (from train).", DefaultValueFactory = _ => "models" };
        var data = new Option<string[]>("--data") { Description = "Recordings.", Required = true, AllowMultipleArgumentsPerToken = true };
        var unseen = new Option<bool>("--unseen") { Description = "The recordings were not used in training: score every example, not only the held-out test part." };
        var output = new Option<string?>("--out") { Description = "Write the JSON report here (default: stdout)." };
        var png = new Option<string?>("--png") { Description = "Also write scores.png and reliability.png into this directory." };
        var command = new Command("evaluate", "Accuracy, balanced accuracy, macro-F1, per-class precision/recall, confusion, log-loss and calibration of each model, the ensemble and the baselines, on unseen data.");
        foreach (Option o in new Option[] { modelsDir, data, unseen, output, png }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            List<TorchSequenceModel> models = TorchSequenceModel.LoadAll(parse.GetValue(modelsDir)!);
            if (models.Count == 0)
            {
                Console.Error.WriteLine($"error: no checkpoints in {parse.GetValue(modelsDir)}");
                return 2;
            }
            var first = models[0].Checkpoint;
            var labels = LabelOptions.Default with { Horizon = first.Horizon, Unit = first.HorizonUnit, ThresholdBps = first.ThresholdBps, Mode = first.ThresholdMode };
            List<SessionRows> sessions = TrainingData.Load(parse.GetValue(data)!, labels, Console.Error.WriteLine);
            EvaluationResult result = ModelEvaluator.Run(sessions, models, models.Max(m => m.WindowLength), first.Horizon, parse.GetValue(unseen));
            string json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
            if (parse.GetValue(output) is { } path) File.WriteAllText(path, json);
            else Console.WriteLine(json);
            if (parse.GetValue(png) is { } pngDir)
            {
                foreach (string file in EvaluationCharts.Write(result, pngDir)) Console.Error.WriteLine($"wrote {file}");
            }
            Console.Error.WriteLine($"{result.Examples} unseen examples ({result.Data})");
            Console.Error.WriteLine($"{"model",-16} {"acc",6} {"bal.acc",7} {"macroF1",7} {"logloss",7} {"ECE",6}");
            foreach (ClassificationReport r in result.Models)
                Console.Error.WriteLine($"{r.Model,-16} {r.Accuracy,6:F3} {r.BalancedAccuracy,7:F3} {r.MacroF1,7:F3} {r.LogLoss,7:F3} {r.ExpectedCalibrationError,6:F3}");
            foreach (TorchSequenceModel m in models) m.Dispose();
            return 0;
        });
        return command;
    }
}
