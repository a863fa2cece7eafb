using QuantumFlow.Models.Prediction.Neural.Checkpoints;

namespace QuantumFlow.Models.Tests.Prediction.Neural;

/// <summary>A checkpoint that is cut short, foreign or of another network is refused with the file and what is wrong.</summary>
public sealed class BadCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Shipped(string file) => Path.Combine(TestData.RepoRoot, "models", file);

    /// <summary>A copy of a shipped checkpoint in the temporary folder, its weights replaced by <paramref name="weights"/>.</summary>
    private string Copy(string name, byte[] weights)
    {
        File.Copy(Shipped(name + ".json"), NetworkCheckpoint.JsonPath(_dir, name));
        File.WriteAllBytes(NetworkCheckpoint.WeightsPath(_dir, name), weights);
        return NetworkCheckpoint.WeightsPath(_dir, name);
    }

    [Fact]
    public void A_cut_short_weights_file_names_the_file_and_says_it_ends_early()
    {
        byte[] whole = File.ReadAllBytes(Shipped("lstm.weights"));
        string path = Copy("lstm", whole[..(whole.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointDirectory.Load(_dir, "lstm"));
        Assert.Contains(path, e.Message);
        Assert.Contains("cut short", e.Message);
    }

    [Fact]
    public void Every_prefix_of_a_weights_file_is_refused_as_invalid_data_and_never_crashes_the_reader()
    {
        byte[] whole = File.ReadAllBytes(Shipped("attention-lstm.weights"));
        for (int length = 0; length < whole.Length; length += length < 300 ? 1 : 61)
        {
            var e = Assert.Throws<InvalidDataException>(() => StateDictFile.Read(whole.AsSpan(0, length), "w"));
            Assert.StartsWith("w: ", e.Message);
        }
        Assert.Equal(13, StateDictFile.Read(whole, "w").Count);
    }

    [Fact]
    public void Bytes_after_the_last_tensor_are_refused()
    {
        string path = Copy("lstm", [.. File.ReadAllBytes(Shipped("lstm.weights")), 0]);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointDirectory.Load(_dir, "lstm"));
        Assert.Contains(path, e.Message);
        Assert.Contains("1 bytes after the last of 10 tensors", e.Message);
    }

    [Fact]
    public void A_file_that_is_no_state_dict_is_refused()
    {
        string path = Copy("lstm", File.ReadAllBytes(Shipped("lstm.json")));
        var e = Assert.Throws<InvalidDataException>(() => CheckpointDirectory.Load(_dir, "lstm"));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a TorchSharp state dict", e.Message);
    }

    [Fact]
    public void Weights_of_another_architecture_are_refused_by_the_tensor_they_lack()
    {
        string path = Copy("transformer", File.ReadAllBytes(Shipped("lstm.weights")));
        var e = Assert.Throws<InvalidDataException>(() => CheckpointDirectory.Load(_dir, "transformer"));
        Assert.Contains(path, e.Message);
        Assert.Contains("no tensor '_embed.weight'", e.Message);
    }

    [Fact]
    public void Weights_of_another_size_are_refused_by_the_first_tensor_shaped_otherwise()
    {
        Copy("lstm", File.ReadAllBytes(Shipped("lstm.weights")));
        string json = NetworkCheckpoint.JsonPath(_dir, "lstm");
        NetworkCheckpoint wider = NetworkCheckpoint.Read(json) with { };
        wider = wider with { Shape = wider.Shape with { Hidden = wider.Shape.Hidden * 2 } };
        wider.Write(_dir);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointDirectory.Load(_dir, "lstm"));
        int gates = 4 * wider.Shape.Hidden / 2, inputs = wider.Features.Length;
        Assert.Contains($"tensor '_lstm.weight_ih_l0' is [{gates}, {inputs}], the checkpoint's shape needs [{2 * gates}, {inputs}]", e.Message);
    }

    [Fact]
    public void Weights_with_a_layer_the_checkpoint_does_not_describe_are_refused()
    {
        // A file with one more layer than its description: every tensor the description needs is there, one more is not.
        StateDict weights = StateDictFile.Read(Shipped("lstm.weights"));
        NetworkCheckpoint c = NetworkCheckpoint.Read(Shipped("lstm.json"));
        int hidden = c.Shape.Hidden;
        string extra = $"_lstm.weight_ih_l{c.Shape.Layers}";
        weights.Add(new StoredTensor(extra, [4 * hidden, hidden], new float[4 * hidden * hidden]));
        var e = Assert.Throws<InvalidDataException>(() => CheckpointDirectory.Create(c, weights));
        Assert.Contains(extra, e.Message);
    }

    [Fact]
    public void A_checkpoint_description_that_is_not_json_or_disagrees_with_itself_names_its_file()
    {
        string json = NetworkCheckpoint.JsonPath(_dir, "lstm");
        File.WriteAllText(json, "{ \"Name\": \"lstm\", ");
        var e = Assert.Throws<InvalidDataException>(() => NetworkCheckpoint.Read(json));
        Assert.Contains(json, e.Message);

        NetworkCheckpoint shipped = NetworkCheckpoint.Read(Shipped("lstm.json"));
        (shipped with { Means = shipped.Means.RemoveAt(0) }).Write(_dir);
        e = Assert.Throws<InvalidDataException>(() => NetworkCheckpoint.Read(json));
        Assert.Contains($"{json}: {shipped.Features.Length} features but {shipped.Features.Length - 1} means", e.Message);

        NetworkCheckpoint transformer = NetworkCheckpoint.Read(Shipped("transformer.json"));
        (transformer with { Shape = transformer.Shape with { Layers = 2 } }).Write(_dir);
        e = Assert.Throws<InvalidDataException>(() => NetworkCheckpoint.Read(NetworkCheckpoint.JsonPath(_dir, "transformer")));
        Assert.Contains("shape: a transformer has one layer, not 2", e.Message);
    }
}
