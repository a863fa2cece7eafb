using QuantumFlow.Models.Prediction;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Models.Torch.Tests;

/// <summary>
/// A live model actor runs whatever queued as one batch (1 to 256 windows), a replay runs one window at a time; a
/// prediction is bit-equal between them only if a window's output does not depend on the batch it was computed in.
/// Checked on the shipped checkpoints (their real sizes), with windows that vary in every feature. Found: alone
/// (batch 1) every checkpoint rounds differently, and which larger sizes agree depends on the network and the CPU's
/// kernels (a Transformer differed between batches of 4 and 5); so models run through <see cref="FixedBatchModel"/>,
/// which gives torch one shape for every call, and every batch size from 1 up must then agree bit for bit.
/// </summary>
public sealed class BatchInvarianceTests
{
    private static string ModelsDir() => TestRepository.PathOf("models");

    public static TheoryData<string> Checkpoints() => new(["lstm", "attention-lstm", "transformer"]);

    [Theory]
    [MemberData(nameof(Checkpoints))]
    public void A_windows_probabilities_do_not_depend_on_the_batch_it_ran_in(string name)
    {
        TorchRuntime.Initialize();
        using TorchSequenceModel torch = TorchSequenceModel.Load(ModelsDir(), name);
        var model = new FixedBatchModel(torch);
        var rng = new Random(7);
        var windows = new List<FeatureWindow>();
        for (int w = 0; w < 64; w++)
        {
            var window = new FeatureWindow(torch.Checkpoint.Features, model.WindowLength);
            int rows = w % 5 == 0 ? 1 + w % model.WindowLength : model.WindowLength; // some windows not yet full
            for (int t = 0; t < rows; t++) window.Push([.. Enumerable.Range(0, window.FeatureCount).Select(_ => rng.NextDouble() * 4 - 2)]);
            windows.Add(window);
        }

        var alone = windows.Select(model.Predict).ToArray();
        foreach (int size in new[] { 2, 3, 4, 5, 7, 8, 9, 16, 17, 64 })
        {
            var batched = new ClassProbabilities[size];
            for (int start = 0; start + size <= windows.Count; start += size)
            {
                model.PredictBatch(windows.GetRange(start, size), batched);
                for (int i = 0; i < size; i++)
                {
                    Assert.True(alone[start + i] == batched[i],
                        $"{name}: window {start + i} alone {alone[start + i]} but in a batch of {size} {batched[i]}");
                }
            }
        }
    }
}
