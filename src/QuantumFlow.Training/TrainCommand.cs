using System.CommandLine;
using QuantumFlow.Cli;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.Prediction.Training;
using QuantumFlow.Models.Torch.Training;
using QuantumFlow.Models.Venues;
using Spectre.Console;

namespace QuantumFlow.Training;

/// <summary><c>quantumflow-train</c>: recordings to trained, checkpointed Torch models (the test part is held out for evaluate).</summary>
public static class TrainCommand
{
    public static RootCommand Create()
    {
        var data = new Option<string[]>("--data") { Description = "Recordings; files of one session in order are read as one stream.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Checkpoint directory.", DefaultValueFactory = _ => "models" };
        LabelOptions d = LabelOptions.Trading;
        var horizon = new Option<long>("--horizon") { Description = "Label horizon, in --horizon-unit.", DefaultValueFactory = _ => d.Horizon };
        var unit = new Option<string>("--horizon-unit") { Description = "ms or events (book updates).", DefaultValueFactory = _ => "ms" };
        unit.AcceptOnlyFromAmong("ms", "events");
        var threshold = new Option<double>("--threshold-bps") { Description = "UP/DOWN beyond this move (bps); the floor of the scaled modes.", DefaultValueFactory = _ => d.ThresholdBps };
        var mode = new Option<string>("--threshold-mode") { Description = "spread: at least --multiplier x the spread in bps (a taker crosses it); fixed; volatility.", DefaultValueFactory = _ => "spread" };
        mode.AcceptOnlyFromAmong("spread", "fixed", "volatility");
        var multiplier = new Option<double>("--multiplier") { Description = "Multiplier of the spread or volatility.", DefaultValueFactory = _ => d.Multiplier };
        var window = new Option<int>("--window") { Description = "Rows of history per example.", DefaultValueFactory = _ => 20 };
        var models = new Option<string[]>("--models") { Description = "lstm, attention-lstm, transformer.", DefaultValueFactory = _ => ["lstm", "attention-lstm", "transformer"], AllowMultipleArgumentsPerToken = true };
        var trials = new Option<int>("--trials") { Description = "Random hyperparameter trials per model.", DefaultValueFactory = _ => 3 };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs per trial (early stopping usually ends sooner).", DefaultValueFactory = _ => 15 };
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the hyperparameter search, the networks' initialisation and the batch order: another seed shows how much a retraining moves the figures.", DefaultValueFactory = _ => new TrainSettings { OutDirectory = "" }.Seed };
        var trees = new Option<bool>("--trees") { Description = "Also fit gradient-boosted trees (ML.NET FastTree) on the same rows and print their validation log-loss beside the logistic's; nothing is saved." };
        var command = new RootCommand("Train the Torch models and the logistic member on recordings: chronological split per session with a purge gap, scaler on train only, early stopping on validation log-loss, LR schedule, small random search, temperature scaling on validation.");
        foreach (Option o in new Option[] { data, output, horizon, unit, threshold, mode, multiplier, window, models, trials, epochs, threads, seed, trees }) command.Options.Add(o);
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, cancellationToken)));
        return command;

        int Run(ParseResult parse, CancellationToken cancellationToken)
        {
            var labels = d with
            {
                Horizon = parse.GetValue(horizon),
                Unit = parse.GetValue(unit) == "events" ? HorizonUnit.Events : HorizonUnit.Milliseconds,
                ThresholdBps = parse.GetValue(threshold),
                Mode = parse.GetValue(mode) switch { "fixed" => ThresholdMode.Fixed, "volatility" => ThresholdMode.Volatility, _ => ThresholdMode.Spread },
                Multiplier = parse.GetValue(multiplier),
            };
            NetworkKind[] kinds;
            try
            {
                labels.Validate();
                kinds = [.. (parse.GetValue(models) ?? []).Select(m => m switch
                {
                    "lstm" => NetworkKind.Lstm,
                    "attention-lstm" => NetworkKind.AttentionLstm,
                    "transformer" => NetworkKind.Transformer,
                    _ => throw new ArgumentException($"unknown model '{m}'"),
                })];
            }
            catch (ArgumentException e)
            {
                return CliErrors.Report(Console.Error, e);
            }
            var settings = new TrainSettings
            {
                OutDirectory = parse.GetValue(output)!,
                Labels = labels,
                Window = parse.GetValue(window),
                Kinds = kinds,
                Trials = Math.Max(1, parse.GetValue(trials)),
                Epochs = Math.Max(1, parse.GetValue(epochs)),
                Threads = Math.Max(1, parse.GetValue(threads)),
                Trees = parse.GetValue(trees),
                Seed = parse.GetValue(seed),
            };
            List<SessionRows> sessions;
            try
            {
                sessions = TrainingSessions.Load(parse.GetValue(data)!, labels, Console.WriteLine);
                if (sessions.Count == 0) throw new ArgumentException("no labelled rows in the recordings given");
                var trainer = new ModelTrainer(settings, Console.WriteLine);
                if (!AnsiConsole.Profile.Capabilities.Interactive)
                {
                    trainer.Run(sessions, cancellationToken: cancellationToken);
                    return 0;
                }
                Interactive(trainer, sessions, kinds.Length * settings.Trials, cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or MarketDataException or IOException or InvalidDataException)
            {
                return CliErrors.Report(Console.Error, e);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("stopped: the checkpoints saved so far stay; the model in progress was not saved");
                return CliErrors.Stopped;
            }
        }
    }

    private static void Interactive(ModelTrainer trainer, List<SessionRows> sessions, int steps, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("training", maxValue: steps);
                int done = 0, lastTrial = 0;
                trainer.Run(sessions, (text, trial, _) =>
                {
                    if (trial != lastTrial) { lastTrial = trial; task.Value = done++; }
                    task.Description = Markup.Escape(text);
                }, cancellationToken);
                task.Value = task.MaxValue;
            });
}
