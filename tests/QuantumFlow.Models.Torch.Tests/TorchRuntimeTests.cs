using QuantumFlow.Models.Torch;
using TorchSharp;

namespace QuantumFlow.Models.Torch.Tests;

/// <summary>
/// Torch answers the same on every x86-64 CPU only while oneDNN is held to one instruction set; the answers
/// themselves are checked against the exported networks in <see cref="CompiledInferenceTests"/>, whose shipped
/// checkpoints differ far beyond their tolerance on an AVX-512 BF16 CPU without the pin.
/// </summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void Torch_kernels_are_held_to_one_instruction_set_wherever_libtorch_runs()
    {
        TorchRuntime.Initialize();
        using torch.Tensor loaded = torch.ones(2, 3); // libtorch is loaded and has run a kernel by now
        Assert.Equal(6, loaded.sum().item<float>());
        foreach (string name in TorchRuntime.IsaVariables)
        {
            // An operator's own cap is respected; otherwise the pinned one is in the environment oneDNN reads.
            string expected = Environment.GetEnvironmentVariable(name) ?? TorchRuntime.PinnedIsa;
            Assert.Equal(expected, TorchRuntime.NativeValue(name));
            Assert.False(string.IsNullOrEmpty(TorchRuntime.NativeValue(name)), $"{name} is not set for oneDNN");
        }
    }
}
