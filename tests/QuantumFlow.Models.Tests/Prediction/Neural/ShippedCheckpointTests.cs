using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;

namespace QuantumFlow.Models.Tests.Prediction.Neural;

/// <summary>
/// The shipped checkpoints load and predict with no torch in the process (this project does not reference it);
/// that their answers are torch's, bit for bit, is checked beside torch (Models.Torch.Tests CheckpointReaderTests).
/// </summary>
public sealed class ShippedCheckpointTests
{
    private static string ModelsDir() => Path.Combine(TestData.RepoRoot, "models");

    [Fact]
    public void Every_shipped_network_loads_without_torch_and_predicts()
    {
        List<NeuralSequenceModel> models = CheckpointDirectory.LoadAll(ModelsDir());
        Assert.Equal(["attention-lstm", "lstm", "transformer"], models.Select(m => m.Name));
        Assert.True(AppDomain.CurrentDomain.GetAssemblies().All(a => a.GetName().Name?.StartsWith("TorchSharp", StringComparison.Ordinal) != true));
        foreach ((NeuralSequenceModel model, NetworkCheckpoint checkpoint) in models.Zip(CheckpointDirectory.ReadAll(ModelsDir())))
        {
            Assert.StartsWith(checkpoint.Name + "/", model.Version);
            var rng = new Random(5);
            var window = new FeatureWindow(checkpoint.Features, model.WindowLength);
            IBookModelState book = model.Follow(checkpoint.Features);
            // An LSTM's book (its lanes) reads 16 to 20 rows; with a lane per row it reads the window's.
            IBookModelState windowBook = CheckpointDirectory.Create(checkpoint, StateDictFile.Read(NetworkCheckpoint.WeightsPath(ModelsDir(), checkpoint.Name)),
                lanes: model.WindowLength).Follow(checkpoint.Features);
            var answers = new HashSet<ClassProbabilities>();
            for (int t = 0; t < 3 * model.WindowLength; t++)
            {
                double[] row = [.. checkpoint.Features.Select(_ => (rng.NextDouble() - 0.5) * 4)];
                window.Push(row);
                book.Push(row);
                windowBook.Push(row);
                ClassProbabilities p = model.Predict(window), q = book.Predict();
                foreach (ClassProbabilities x in new[] { p, q })
                {
                    Assert.True(double.IsFinite(x.Down) && double.IsFinite(x.Flat) && double.IsFinite(x.Up), $"{model.Name}: {x}");
                    Assert.Equal(1, x.Down + x.Flat + x.Up, 1e-9);
                }
                if (model.Lanes == 0) Assert.Equal(p, q);
                else if (t >= model.WindowLength - 1) Assert.Equal(p, windowBook.Predict());
                answers.Add(q);
            }
            Assert.True(answers.Count > model.WindowLength, $"{model.Name}: answers do not depend on the input");
        }
    }

    [Fact]
    public void The_shipped_networks_share_the_logistic_members_label()
    {
        var labels = CheckpointDirectory.ReadAll(ModelsDir()).Select(c => c.Label).Distinct().ToList();
        Assert.Equal(Models.Prediction.Logistic.LogisticMember.Load(ModelsDir())!.Label, Assert.Single(labels));
    }
}
