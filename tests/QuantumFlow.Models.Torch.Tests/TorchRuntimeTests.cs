using System.Runtime;
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

    [Fact]
    public void Torch_work_runs_with_no_collection_that_could_free_its_scalars()
    {
        TorchRuntime.Initialize();
        using torch.Tensor t = torch.ones(4);
        (int during, int nested, float sum) = TorchRuntime.WithoutCollection(() =>
        {
            int before = GC.CollectionCount(0);
            // Several young generations' worth of garbage, and a division whose scalar nothing keeps alive.
            for (int i = 0; i < 200_000; i++) _ = new byte[64];
            using torch.Tensor half = t / 2.0;
            int inner = TorchRuntime.WithoutCollection(() => GCSettings.LatencyMode == GCLatencyMode.NoGCRegion ? 1 : 0);
            return (GC.CollectionCount(0) - before, inner, half.sum().item<float>());
        });
        Assert.Equal(0, during);
        Assert.Equal(1, nested); // a nested call runs inside the outer region
        Assert.Equal(2f, sum);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }
}
