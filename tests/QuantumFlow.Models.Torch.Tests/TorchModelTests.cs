using System.Collections.Immutable;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.Torch.Networks;
using QuantumFlow.Models.Torch.Training;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Tests;

public sealed class TorchModelTests
{
    private static NetworkCheckpoint Checkpoint(NetworkKind kind, int window, string name = "m") => new()
    {
        Name = name,
        Version = "test/1",
        Shape = new NetworkShape { Kind = kind, Inputs = SyntheticTask.Names.Length, Hidden = 16, Layers = 1, Heads = 4, FeedForward = 32, Dropout = 0 },
        WindowLength = window,
        Features = SyntheticTask.Names,
        Means = [0, 0, 0, 0],
        Stds = [1, 1, 1, 1],
        Horizon = 50,
        ThresholdBps = 5,
    };

    [Theory]
    [InlineData(NetworkKind.Lstm)]
    [InlineData(NetworkKind.AttentionLstm)]
    [InlineData(NetworkKind.Transformer)]
    public void Gives_three_probabilities_per_window_and_the_same_after_a_save_and_load(NetworkKind kind)
    {
        NetworkCheckpoint cp = Checkpoint(kind, window: 10);
        using var model = new TorchSequenceModel(cp, NetworkFactory.Create(cp.Shape));
        using (Tensor logits = model.Network.call(zeros(5, 10, 4))) Assert.Equal([5L, 3L], logits.shape);

        // Windows in another feature order with an extra column: the scaler picks the model's features by name.
        var windows = new List<FeatureWindow>();
        var rng = new Random(1);
        for (int w = 0; w < 3; w++)
        {
            var window = new FeatureWindow(["extra", "noise_c", "noise_b", "noise_a", "signal"], 12);
            for (int t = 0; t < 12 - w * 5; t++) window.Push([rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble() - 0.5]);
            windows.Add(window);
        }
        var before = new ClassProbabilities[3];
        model.PredictBatch(windows, before);
        Assert.All(before, p => Assert.Equal(1, p.Down + p.Flat + p.Up, 5));
        // Torch's kernels may round a window differently alone than in a batch (last bits only); the exported networks
        // used for live and replayed predictions are exact here (CompiledInferenceTests).
        ClassProbabilities alone = model.Predict(windows[1]);
        Assert.Equal(before[1].Down, alone.Down, 1e-6);
        Assert.Equal(before[1].Up, alone.Up, 1e-6);

        string dir = Path.Combine(Path.GetTempPath(), $"qf-torch-{Guid.NewGuid():N}");
        try
        {
            model.Save(dir);
            using TorchSequenceModel loaded = Assert.Single(TorchSequenceModel.LoadAll(dir));
            var after = new ClassProbabilities[3];
            loaded.PredictBatch(windows, after);
            Assert.Equal(before, after);
            Assert.Equal(cp.Shape, loaded.Checkpoint.Shape);
            Assert.Equal(cp.Features.ToArray(), loaded.Checkpoint.Features.ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(NetworkKind.Lstm)]
    [InlineData(NetworkKind.AttentionLstm)]
    [InlineData(NetworkKind.Transformer)]
    public void Training_on_a_small_synthetic_task_reaches_high_accuracy(NetworkKind kind)
    {
        SequenceData train = SyntheticTask.Make(1_200, 12, seed: 1), validation = SyntheticTask.Make(400, 12, seed: 2);
        NetworkCheckpoint cp = Checkpoint(kind, window: 12);
        using nn.Module<Tensor, Tensor> network = NetworkFactory.Create(cp.Shape);
        (double _, double untrained) = SequenceTrainer.Evaluate(network, validation);
        IReadOnlyList<EpochReport> epochs = SequenceTrainer.Train(network, train, validation,
            new TrainOptions { Epochs = 12, BatchSize = 32, LearningRate = 3e-3, Patience = 4 });
        (double loss, double accuracy) = SequenceTrainer.Evaluate(network, validation);
        Assert.True(accuracy > 0.9, $"{kind}: validation accuracy {accuracy:F3} (untrained {untrained:F3}) after {epochs.Count} epochs");
        double best = epochs.Where(e => e.Best).Min(e => e.ValidationLoss);
        Assert.True(Math.Abs(best - loss) <= 1e-3, $"{loss} against the best epoch's {best}"); // the best weights were restored
    }

    [Fact]
    public void Temperature_scaling_lowers_the_validation_log_loss_of_an_over_confident_network_and_keeps_its_ranking()
    {
        SequenceData train = SyntheticTask.Make(300, 12, seed: 3), validation = SyntheticTask.Make(600, 12, seed: 4);
        NetworkCheckpoint cp = Checkpoint(NetworkKind.Lstm, window: 12);
        using nn.Module<Tensor, Tensor> network = NetworkFactory.Create(cp.Shape);
        SequenceTrainer.Train(network, train, validation, new TrainOptions { Epochs = 8, BatchSize = 16, LearningRate = 3e-3, Patience = 8 });
        float[] before = TemperatureScaling.Logits(network, validation);
        // Make it over-confident on purpose: logits x 4.
        TemperatureScaling.Fold(network, 0.25);
        float[] sharp = TemperatureScaling.Logits(network, validation);
        double t = TemperatureScaling.Fit(network, validation);
        Assert.True(t > 1, $"temperature {t} for an over-confident network");
        double lossSharp = TemperatureScaling.LogLoss(sharp, validation.Y, 1);
        Assert.True(TemperatureScaling.LogLoss(sharp, validation.Y, t) < lossSharp);
        // The fitted T is a minimum: nearby temperatures do no better.
        Assert.True(TemperatureScaling.LogLoss(sharp, validation.Y, t) <= TemperatureScaling.LogLoss(sharp, validation.Y, t * 1.2) + 1e-9);
        Assert.True(TemperatureScaling.LogLoss(sharp, validation.Y, t) <= TemperatureScaling.LogLoss(sharp, validation.Y, t / 1.2) + 1e-9);
        TemperatureScaling.Fold(network, t);
        float[] after = TemperatureScaling.Logits(network, validation);
        for (int i = 0; i < validation.Count; i++)
        {
            Assert.Equal(ArgMax(before, i), ArgMax(after, i));
            // A tolerance, not rounding to 3 places: two floats 1e-7 apart can round to different thousandths.
            Assert.True(Math.Abs(sharp[3 * i] / t - after[3 * i]) <= 1e-3 * Math.Max(1, Math.Abs(after[3 * i])), $"{sharp[3 * i] / t} against {after[3 * i]}");
        }
        (double loss, _) = SequenceTrainer.Evaluate(network, validation);
        Assert.Equal(TemperatureScaling.LogLoss(sharp, validation.Y, t), loss, 4);
    }

    private static int ArgMax(float[] logits, int i) =>
        logits[3 * i] >= logits[3 * i + 1] && logits[3 * i] >= logits[3 * i + 2] ? 0 : logits[3 * i + 1] >= logits[3 * i + 2] ? 1 : 2;
}
