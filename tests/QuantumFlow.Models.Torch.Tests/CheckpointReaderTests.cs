using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.Torch.Inference;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Models.Torch.Tests;

/// <summary>
/// The node reads the shipped checkpoints without torch (<see cref="StateDictFile"/>, <see cref="CheckpointDirectory"/>);
/// it must get exactly what torch gets from the same files: every tensor's bits, and so every answer's.
/// </summary>
public sealed class CheckpointReaderTests
{
    private static string ModelsDir() => TestRepository.PathOf("models");

    public static TheoryData<string> Checkpoints() => new(["lstm", "attention-lstm", "transformer"]);

    [Fact]
    public void The_torch_free_reader_finds_the_checkpoints_torch_finds()
    {
        List<TorchSequenceModel> torch = TorchSequenceModel.LoadAll(ModelsDir());
        try
        {
            Assert.Equal(torch.Select(m => m.Name), CheckpointDirectory.Names(ModelsDir()));
            Assert.Equal(torch.Select(m => m.Checkpoint.Label), CheckpointDirectory.ReadAll(ModelsDir()).Select(c => c.Label));
        }
        finally
        {
            foreach (TorchSequenceModel m in torch) m.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Checkpoints))]
    public void Every_tensor_read_without_torch_has_the_bits_torch_loads(string name)
    {
        TorchRuntime.Initialize();
        using TorchSequenceModel torch = TorchSequenceModel.Load(ModelsDir(), name);
        StateDict loaded = NetworkExport.Parameters(torch.Network, "torch");
        StateDict read = StateDictFile.Read(NetworkCheckpoint.WeightsPath(ModelsDir(), name));

        Assert.Equal(loaded.Names.Order(StringComparer.Ordinal), read.Names.Order(StringComparer.Ordinal));
        foreach (string tensor in loaded.Names)
        {
            Assert.Equal(loaded[tensor].Shape, read[tensor].Shape);
            Assert.True(Bits(loaded[tensor].Values).SequenceEqual(Bits(read[tensor].Values)), $"{name}: {tensor} differs");
        }
        Assert.True(read.Names.Sum(t => read[t].Values.Length) > 1_000, "a shipped network has thousands of parameters");
    }

    [Theory]
    [MemberData(nameof(Checkpoints))]
    public void The_network_read_without_torch_answers_bit_for_bit_what_the_torch_export_answers(string name)
    {
        TorchRuntime.Initialize();
        using TorchSequenceModel torch = TorchSequenceModel.Load(ModelsDir(), name);
        NeuralSequenceModel exported = CompiledModels.From(torch);
        NeuralSequenceModel read = CheckpointDirectory.Load(ModelsDir(), name);
        Assert.Equal((exported.Name, exported.Version, exported.WindowLength), (read.Name, read.Version, read.WindowLength));

        var rng = new Random(23);
        var window = new FeatureWindow(torch.Checkpoint.Features, read.WindowLength);
        var answers = new HashSet<ClassProbabilities>();
        for (int t = 0; t < 3 * read.WindowLength; t++)
        {
            window.Push([.. Enumerable.Range(0, window.FeatureCount).Select(_ => (rng.NextDouble() - 0.5) * 6)]);
            ClassProbabilities expected = exported.Predict(window);
            Assert.Equal(expected, read.Predict(window));
            answers.Add(expected);
        }
        Assert.True(answers.Count > read.WindowLength, $"{name}: the windows must not all look alike to the network");
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
