using System.Collections.Immutable;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.Torch.Inference;
using QuantumFlow.Models.Torch.Networks;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Models.Torch.Tests;

/// <summary>The exported, tensor-free networks answer what torch answers, and the same whatever else they computed.</summary>
public sealed class CompiledInferenceTests
{
    private static readonly string[] RowNames = ["extra", "noise_c", "noise_b", "noise_a", "signal"];

    /// <summary>Hidden 16 runs the vector paths (whole vectors of gates, norms, heads of 4 or 8); 12 the scalar fallbacks.</summary>
    [Theory]
    [InlineData(NetworkKind.Lstm, 1, 16)]
    [InlineData(NetworkKind.Lstm, 2, 16)]
    [InlineData(NetworkKind.Lstm, 1, 12)]
    [InlineData(NetworkKind.AttentionLstm, 1, 16)]
    [InlineData(NetworkKind.AttentionLstm, 2, 16)]
    [InlineData(NetworkKind.AttentionLstm, 2, 12)]
    [InlineData(NetworkKind.Transformer, 1, 16)]
    [InlineData(NetworkKind.Transformer, 1, 24)]
    [InlineData(NetworkKind.Transformer, 1, 12)]
    [InlineData(NetworkKind.Transformer, 1, 32)]
    public void Answers_as_torch_does_for_every_architecture(NetworkKind kind, int layers, int hidden)
    {
        using TorchSequenceModel torchModel = SyntheticTask.Network(
            new NetworkShape { Kind = kind, Hidden = hidden, Layers = layers, Heads = 4, FeedForward = 24, Dropout = 0.1 }, window: 9, seed: 7 + layers);
        NeuralSequenceModel compiled = CompiledModels.From(torchModel);

        List<FeatureWindow> windows = Windows(new Random(3), RowNames, width: 12, count: 25, maxRows: 12, scale: 3);
        var expected = new ClassProbabilities[windows.Count];
        torchModel.PredictBatch(windows, expected);
        for (int i = 0; i < windows.Count; i++) AssertClose(expected[i], compiled.Predict(windows[i]), 2e-5);
        Assert.True(expected.Max(p => p.Confidence) - expected.Min(p => p.Confidence) > 1e-3, "the windows must not all look alike to the network");
    }

    [Fact]
    public void The_shipped_checkpoints_answer_as_torch_does_and_the_same_whatever_was_computed_before()
    {
        string dir = TestRepository.PathOf("models");
        List<TorchSequenceModel> trained = TorchSequenceModel.LoadAll(dir);
        Assert.Equal(3, trained.Count);
        foreach (TorchSequenceModel torchModel in trained)
        {
            using (torchModel)
            {
                string[] names = [.. torchModel.Checkpoint.Features.Reverse(), "unused"];
                List<FeatureWindow> windows = Windows(new Random(11), names, width: 24, count: 12, maxRows: 24, scale: 2);
                var expected = new ClassProbabilities[windows.Count];
                torchModel.PredictBatch(windows, expected);

                NeuralSequenceModel warm = CompiledModels.From(torchModel);
                var answers = windows.Select(warm.Predict).ToArray();
                for (int i = 0; i < windows.Count; i++) AssertClose(expected[i], answers[i], 2e-5);

                // Bit for bit: a fresh model asked once, and the warm one asked again after everything else (cache hits).
                for (int i = 0; i < windows.Count; i++)
                {
                    Assert.Equal(answers[i], CompiledModels.From(torchModel).Predict(windows[i]));
                    Assert.Equal(answers[i], warm.Predict(windows[i]));
                }
                Assert.True(warm.CacheCounts.Hits > 0);
            }
        }
    }

    /// <summary>
    /// The Transformer's book from its first row; an LSTM's (<c>LaneBookState</c>) with as many lanes as its window,
    /// from its first full window (the window path repeats its oldest row in front before that, a book reads fewer).
    /// </summary>
    [Fact]
    public void A_book_state_answers_what_the_window_answers_bit_for_bit_and_after_a_clear()
    {
        string dir = TestRepository.PathOf("models");
        foreach (TorchSequenceModel torchModel in TorchSequenceModel.LoadAll(dir))
        {
            using (torchModel)
            {
                NeuralSequenceModel model = CompiledModels.From(torchModel, lanes: torchModel.WindowLength);
                string[] names = [.. torchModel.Checkpoint.Features.Reverse(), "unused"];
                var window = new FeatureWindow([.. names], model.WindowLength);
                IBookModelState state = model.Follow([.. names]);
                var rng = new Random(17);
                int read = 0, compared = 0;
                for (int t = 0; t < 3 * model.WindowLength + 5; t++)
                {
                    if (t == model.WindowLength + 3)
                    {
                        window.Clear();
                        state.Clear();
                        read = 0;
                        Assert.Throws<InvalidOperationException>(() => state.Predict());
                    }
                    double[] row = [.. names.Select(_ => (rng.NextDouble() - 0.5) * 4)];
                    window.Push(row);
                    state.Push(row);
                    read++;
                    Assert.Equal(window.Count, state.Count);
                    ClassProbabilities answer = state.Predict();
                    if (model.Lanes > 0 && read < model.WindowLength) continue;
                    Assert.Equal(model.Predict(window), answer);
                    compared++;
                }
                Assert.True(compared > model.WindowLength, $"{model.Name}: {compared} rows compared");
                Assert.True(model.Usage.Predictions == 3 * model.WindowLength + 5 && model.Usage.Busy > TimeSpan.Zero, $"{model.Name}: {model.Usage}");
            }
        }
    }

    [Fact]
    public void Books_on_two_threads_share_only_the_weights()
    {
        string dir = TestRepository.PathOf("models");
        NeuralSequenceModel model = CheckpointDirectory.Load(dir, "transformer");
        ImmutableArray<string> names = [.. NetworkCheckpoint.Read(NetworkCheckpoint.JsonPath(dir, "transformer")).Features];
        double[][][] rows = [.. Enumerable.Range(0, 2).Select(book =>
        {
            var rng = new Random(100 + book);
            return Enumerable.Range(0, 400).Select(_ => names.Select(_ => rng.NextDouble() - 0.5).ToArray()).ToArray();
        })];
        ClassProbabilities[] Run(double[][] bookRows)
        {
            IBookModelState state = model.Follow(names);
            return [.. bookRows.Select(r =>
            {
                state.Push(r);
                return state.Predict();
            })];
        }
        ClassProbabilities[][] alone = [.. rows.Select(Run)];
        using var start = new Barrier(2);
        ClassProbabilities[][] together = [.. rows.Select(r => Task.Run(() =>
        {
            start.SignalAndWait();
            return Run(r);
        })).ToArray().Select(t => t.Result)];
        Assert.Equal(alone[0], together[0]);
        Assert.Equal(alone[1], together[1]);
        Assert.NotEqual(alone[0], alone[1]);
    }

    [Fact]
    public void Books_with_their_own_name_arrays_share_the_binding_and_the_row_cache()
    {
        string dir = TestRepository.PathOf("models");
        NeuralSequenceModel model = CheckpointDirectory.Load(dir, "lstm");
        using TorchSequenceModel torchModel = TorchSequenceModel.Load(dir, "lstm");
        string[] names = [.. torchModel.Checkpoint.Features];
        // Two books: equal names in two arrays (as two feature engines have), the same rows.
        var a = new FeatureWindow([.. names], 20);
        var b = new FeatureWindow([.. names], 20);
        var rng = new Random(5);
        for (int t = 0; t < 30; t++)
        {
            double[] row = [.. names.Select(_ => rng.NextDouble() - 0.5)];
            a.Push(row);
            b.Push(row);
            Assert.Equal(model.Predict(a), model.Predict(b));
        }
        // One encoding per distinct row: alternating books neither rebinds nor empties the cache.
        Assert.Equal(30, model.CacheCounts.Misses);
    }

    /// <summary>Windows that share rows the way one book's consecutive windows do, some not yet full.</summary>
    private static List<FeatureWindow> Windows(Random rng, string[] names, int width, int count, int maxRows, double scale)
    {
        var window = new FeatureWindow([.. names], width);
        var result = new List<FeatureWindow>();
        for (int n = 0; n < count; n++)
        {
            if (n == count / 2) window.Clear();
            int rows = n == 0 || n == count / 2 ? rng.Next(1, 4) : 1;
            for (int r = 0; r < rows && window.Count < maxRows + 1; r++)
                window.Push([.. Enumerable.Range(0, names.Length).Select(_ => (rng.NextDouble() - 0.5) * 2 * scale)]);
            result.Add(window.Copy());
        }
        return result;
    }

    private static void AssertClose(ClassProbabilities expected, ClassProbabilities actual, double tolerance)
    {
        Assert.True(Math.Abs(expected.Down - actual.Down) < tolerance && Math.Abs(expected.Flat - actual.Flat) < tolerance
            && Math.Abs(expected.Up - actual.Up) < tolerance, $"torch {expected}, compiled {actual}");
    }
}
