using QuantumFlow.Host.Cli;

namespace QuantumFlow.Host.Tests.Cli;

/// <summary>
/// The node does not carry libtorch: nothing the host references brings TorchSharp or its natives (this test
/// project references only the host, so its output holds the host's whole closure), and `train` points to the tool.
/// </summary>
public sealed class NoTorchTests
{
    [Fact]
    public void Nothing_the_host_references_brings_torch()
    {
        string[] torch = [.. Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(f => f!.Contains("torch", StringComparison.OrdinalIgnoreCase))
            .Cast<string>()];
        Assert.Empty(torch);
        Assert.Contains(typeof(Program).Assembly.GetReferencedAssemblies(), a => a.Name == "QuantumFlow.Models");
        Assert.DoesNotContain(typeof(Program).Assembly.GetReferencedAssemblies(), a => a.Name!.Contains("Torch", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_with_any_flags_answers_where_training_is_and_exits_2()
    {
        var error = new StringWriter();
        Assert.Equal(CliErrors.Usage, Program.Root().Parse(["train", "--data", "a.gz", "b.gz", "--epochs", "3"]).Invoke(new() { Error = error }));
        Assert.Equal($"error: {MovedTrainCommand.Message}", error.ToString().Trim());
        Assert.Contains("run `quantumflow-train` with the same flags", MovedTrainCommand.Message);
    }
}
