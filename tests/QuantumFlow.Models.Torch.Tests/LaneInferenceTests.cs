using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.State;
using QuantumFlow.Models.Torch.Inference;
using QuantumFlow.Models.Torch.Networks;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Tests;

/// <summary>
/// A recurrent network as a book runs it (<c>LaneBookState</c>: lanes that start again from a zero state in turn)
/// answers at every row what torch answers for the rows its longest-running lane has read: all of them until the book
/// has read a window, then the rows since the latest lane start that leaves at least a window minus a lane's share.
/// </summary>
public sealed class LaneInferenceTests
{
    private const int Window = 6;

    [Theory]
    [InlineData(NetworkKind.Lstm, 1, 16, 2)]
    [InlineData(NetworkKind.Lstm, 2, 16, 2)]
    [InlineData(NetworkKind.Lstm, 1, 12, 3)]
    [InlineData(NetworkKind.AttentionLstm, 1, 16, 2)]
    [InlineData(NetworkKind.AttentionLstm, 2, 12, 4)]
    public void A_book_answers_at_every_row_what_torch_answers_for_the_rows_its_longest_lane_read(NetworkKind kind, int layers, int hidden, int lanes)
    {
        (TorchSequenceModel torchModel, NeuralSequenceModel compiled) = Make(kind, layers, hidden, lanes);
        using (torchModel)
        {
            int[] restarts = [.. Enumerable.Range(0, lanes).Select(j => j * Window / lanes)]; // lane starts, modulo the window
            double[][] rows = Rows(new Random(9), 40);
            IBookModelState book = compiled.Follow(SyntheticTask.Names);
            var flat = new List<float>();
            for (int t = 0; t < rows.Length; t++)
            {
                int start = t < Window ? 0 : Enumerable.Range(t - Window + 1, Window).First(s => restarts.Contains(s % Window));
                Assert.InRange(t - start + 1, t < Window ? t + 1 : Window - (Window + lanes - 1) / lanes + 1, Window);
                float[] expected = Torch(torchModel, rows[start..(t + 1)]);
                book.Push(rows[t]);
                ClassProbabilities p = book.Predict();
                Assert.True(Math.Abs(p.Down - expected[0]) < 2e-5 && Math.Abs(p.Flat - expected[1]) < 2e-5 && Math.Abs(p.Up - expected[2]) < 2e-5,
                    $"row {t} (from row {start}): torch {expected[0]:F6}/{expected[1]:F6}/{expected[2]:F6}, book {p}");
                Assert.Equal(Math.Min(t + 1, Window), book.Count);
                flat.Add(expected[1]);
            }
            Assert.True(flat.Max() - flat.Min() > 1e-3, "the rows must not all look alike to the network");
        }
    }

    [Theory]
    [InlineData(NetworkKind.Lstm)]
    [InlineData(NetworkKind.AttentionLstm)]
    public void With_as_many_lanes_as_its_window_a_book_answers_the_window_bit_for_bit_and_with_fewer_from_other_rows(NetworkKind kind)
    {
        (TorchSequenceModel torchModel, NeuralSequenceModel full) = Make(kind, 2, 16, Window);
        using (torchModel)
        {
            NeuralSequenceModel two = CompiledModels.From(torchModel, lanes: 2);
            double[][] rows = Rows(new Random(4), 4 * Window);
            var window = new FeatureWindow(SyntheticTask.Names, Window);
            IBookModelState exact = full.Follow(SyntheticTask.Names), fewer = two.Follow(SyntheticTask.Names);
            bool differed = false;
            for (int t = 0; t < rows.Length; t++)
            {
                window.Push(rows[t]);
                exact.Push(rows[t]);
                fewer.Push(rows[t]);
                if (t < Window - 1) continue; // the window path repeats its oldest row in front until it is full
                ClassProbabilities answer = full.Predict(window);
                Assert.Equal(answer, exact.Predict());
                differed |= answer != fewer.Predict();
            }
            Assert.True(differed, "two lanes read fewer rows than the window between their starts");
        }
    }

    [Fact]
    public void A_saved_book_goes_on_bit_for_bit_a_cleared_one_starts_again_and_other_lanes_are_refused()
    {
        (TorchSequenceModel torchModel, NeuralSequenceModel compiled) = Make(NetworkKind.AttentionLstm, 2, 16, 2);
        using (torchModel)
        {
            double[][] rows = Rows(new Random(21), 30);
            IBookModelState book = compiled.Follow(SyntheticTask.Names);
            foreach (double[] row in rows[..17]) book.Push(row);
            var saved = new MemoryStream();
            book.Save(new StateWriter(saved));
            IBookModelState restored = compiled.Follow(SyntheticTask.Names);
            restored.Load(new StateReader(new MemoryStream(saved.ToArray())));
            foreach (double[] row in rows[17..])
            {
                book.Push(row);
                restored.Push(row);
                Assert.Equal(book.Predict(), restored.Predict());
            }

            IBookModelState threeLanes = CompiledModels.From(torchModel, lanes: 3).Follow(SyntheticTask.Names);
            var e = Assert.Throws<InvalidDataException>(() => threeLanes.Load(new StateReader(new MemoryStream(saved.ToArray()))));
            Assert.Contains("in 3 lanes", e.Message);

            IBookModelState fresh = compiled.Follow(SyntheticTask.Names);
            book.Clear();
            Assert.Throws<InvalidOperationException>(() => book.Predict());
            foreach (double[] row in rows[..8])
            {
                book.Push(row);
                fresh.Push(row);
                Assert.Equal(fresh.Predict(), book.Predict());
            }
        }
    }

    private static (TorchSequenceModel, NeuralSequenceModel) Make(NetworkKind kind, int layers, int hidden, int lanes)
    {
        TorchSequenceModel torchModel = SyntheticTask.Network(new NetworkShape { Kind = kind, Hidden = hidden, Layers = layers, Dropout = 0.1 }, Window,
            seed: 11 + layers + hidden);
        NeuralSequenceModel compiled = CompiledModels.From(torchModel, lanes);
        Assert.Equal(lanes, compiled.Lanes);
        return (torchModel, compiled);
    }

    private static double[][] Rows(Random rng, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => SyntheticTask.Names.Select(_ => (rng.NextDouble() - 0.5) * 6).ToArray())];

    /// <summary>Torch's probabilities for these rows alone (oldest first), from a zero state, in eval mode.</summary>
    private static float[] Torch(TorchSequenceModel model, double[][] rows)
    {
        var scaler = model.Checkpoint.Scaler();
        int[] map = scaler.Bind(SyntheticTask.Names);
        int f = scaler.Count;
        var x = new float[rows.Length * f];
        for (int t = 0; t < rows.Length; t++) scaler.Transform(rows[t], map, x.AsSpan(t * f, f));
        return TorchRuntime.WithoutCollection(() =>
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.Network.eval();
            return softmax(model.Network.call(tensor(x, [1, rows.Length, f])), -1).data<float>().ToArray();
        });
    }
}
