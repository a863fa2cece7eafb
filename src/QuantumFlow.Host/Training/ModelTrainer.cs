using System.Collections.Immutable;
using System.Globalization;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.Prediction.Training;
using QuantumFlow.Models.Torch;
using QuantumFlow.Models.Torch.Checkpoints;
using QuantumFlow.Models.Torch.Networks;
using QuantumFlow.Models.Torch.Training;
using static TorchSharp.torch;

namespace QuantumFlow.Host.Training;

/// <summary>
/// The train verb's work: chronological split by session with a purge gap, scaler fit on train only, then per
/// architecture a small random hyperparameter search (each trial: class weights, LR plateau, early stopping on the
/// validation loss) and the best trial saved as a checkpoint. The test part is not touched here.
/// </summary>
public sealed class ModelTrainer(TrainSettings settings, Action<string> log)
{
    public IReadOnlyList<TorchCheckpoint> Run(IReadOnlyList<SessionRows> sessions, Action<string, int, int>? progress = null)
    {
        TorchRuntime.Initialize(settings.Threads, settings.Seed);
        ChronologicalSplit split = ChronologicalSplit.Make(sessions, settings.Window, settings.Labels.Horizon);
        log($"examples: train {split.Train.Count}, validation {split.Validation.Count}, test {split.Test.Count} (held out), purge {split.Purge} rows");
        if (split.Train.Count == 0 || split.Validation.Count == 0) throw new InvalidOperationException("not enough labelled rows for a train and a validation part");
        ImmutableArray<string> features = TrainingData.ModelFeatures(sessions[0].Names);
        Scaler scaler = TrainingData.FitScaler(sessions, split.Train, features);
        List<Example> train = Subsample(split.Train, settings.MaxTrainExamples);
        SequenceData trainData = TrainingData.Build(sessions, train, scaler, settings.Window);
        SequenceData validationData = TrainingData.Build(sessions, split.Validation, scaler, settings.Window);
        int[] counts = new int[3];
        foreach (int y in trainData.Y) counts[y]++;
        log($"train classes: down {counts[0]}, flat {counts[1]}, up {counts[2]}; {features.Length} features, window {settings.Window}");

        var rng = new Random(settings.Seed);
        var saved = new List<TorchCheckpoint>();
        foreach (NetworkKind kind in settings.Kinds)
        {
            (double Loss, NetworkShape Shape, TrainOptions Options, nn.Module<Tensor, Tensor> Net, double Acc)? best = null;
            for (int trial = 1; trial <= settings.Trials; trial++)
            {
                NetworkShape shape = Sample(kind, features.Length, rng);
                var options = new TrainOptions
                {
                    Epochs = settings.Epochs,
                    BatchSize = 64,
                    LearningRate = Math.Exp(rng.NextDouble() * (Math.Log(3e-3) - Math.Log(3e-4)) + Math.Log(3e-4)),
                    Patience = 4,
                    Seed = settings.Seed + trial,
                };
                nn.Module<Tensor, Tensor> net = NetworkFactory.Create(shape);
                int epochs = 0;
                SequenceTrainer.Train(net, trainData, validationData, options, e =>
                {
                    epochs = e.Epoch;
                    progress?.Invoke($"{Name(kind)} trial {trial}/{settings.Trials}: epoch {e.Epoch} val loss {e.ValidationLoss:F4} acc {e.ValidationAccuracy:F3}", trial, settings.Trials);
                });
                using Tensor weights = tensor(trainData.ClassWeights());
                (double loss, double acc) = SequenceTrainer.Evaluate(net, validationData, weights);
                log(string.Create(CultureInfo.InvariantCulture,
                    $"{Name(kind)} trial {trial}: hidden {shape.Hidden} layers {shape.Layers} dropout {shape.Dropout:F2} lr {options.LearningRate:G2}: val loss {loss:F4}, acc {acc:F3} ({epochs} epochs)"));
                if (best is null || loss < best.Value.Loss)
                {
                    best?.Net.Dispose();
                    best = (loss, shape, options, net, acc);
                }
                else net.Dispose();
            }
            var b = best!.Value;
            var checkpoint = new TorchCheckpoint
            {
                Name = Name(kind),
                Version = string.Create(CultureInfo.InvariantCulture, $"{Name(kind)}/{DateTime.UtcNow:yyyyMMddHHmm} h{settings.Labels.Horizon} {settings.Labels.ThresholdBps}bps L{settings.Window}"),
                Shape = b.Shape,
                WindowLength = settings.Window,
                Features = scaler.Names,
                Means = scaler.Means,
                Stds = scaler.Stds,
                Clip = scaler.Clip,
                Horizon = settings.Labels.Horizon,
                HorizonUnit = settings.Labels.Unit,
                ThresholdBps = settings.Labels.ThresholdBps,
                ThresholdMode = settings.Labels.Mode,
                Notes = ImmutableDictionary<string, string>.Empty
                    .Add("data", string.Join(", ", sessions.Select(s => $"{s.Session} {s.Book}").Distinct()))
                    .Add("split", $"chronological per session 70/15/15, purge {split.Purge} rows; train {train.Count}, validation {split.Validation.Count}")
                    .Add("validation_loss", b.Loss.ToString("F4", CultureInfo.InvariantCulture))
                    .Add("validation_accuracy", b.Acc.ToString("F4", CultureInfo.InvariantCulture))
                    .Add("learning_rate", b.Options.LearningRate.ToString("G3", CultureInfo.InvariantCulture)),
            };
            using var model = new TorchSequenceModel(checkpoint, b.Net);
            model.Save(settings.OutDirectory);
            saved.Add(checkpoint);
            log($"saved {Name(kind)} to {settings.OutDirectory} (val loss {b.Loss:F4}, acc {b.Acc:F3})");
        }
        return saved;
    }

    public static string Name(NetworkKind kind) => kind switch
    {
        NetworkKind.Lstm => "lstm",
        NetworkKind.AttentionLstm => "attention-lstm",
        _ => "transformer",
    };

    private static NetworkShape Sample(NetworkKind kind, int inputs, Random rng)
    {
        int[] hidden = kind == NetworkKind.Transformer ? [16, 32] : [16, 32, 48];
        return new NetworkShape
        {
            Kind = kind,
            Inputs = inputs,
            Hidden = hidden[rng.Next(hidden.Length)],
            Layers = 1 + rng.Next(2),
            Dropout = Math.Round(rng.NextDouble() * 0.3, 2),
            Heads = 4,
            FeedForward = 64,
        };
    }

    private List<Example> Subsample(List<Example> examples, int max)
    {
        if (examples.Count <= max) return examples;
        var rng = new Random(settings.Seed);
        return [.. examples.OrderBy(_ => rng.Next()).Take(max)];
    }
}

/// <summary>What the train verb was asked for.</summary>
public sealed record TrainSettings
{
    public required string OutDirectory { get; init; }
    public LabelOptions Labels { get; init; } = LabelOptions.Default;
    public int Window { get; init; } = 20;
    public IReadOnlyList<NetworkKind> Kinds { get; init; } = [NetworkKind.Lstm, NetworkKind.AttentionLstm, NetworkKind.Transformer];
    public int Trials { get; init; } = 3;
    public int Epochs { get; init; } = 15;
    public int MaxTrainExamples { get; init; } = 20_000;
    public int Threads { get; init; } = 1;
    public int Seed { get; init; } = 42;
}
