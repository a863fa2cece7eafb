using System.Runtime.CompilerServices;
using QuantumFlow.Models.Torch;

namespace QuantumFlow.Models.Torch.Tests;

/// <summary>Pins oneDNN's instruction set before any test of this assembly can load libtorch (see <see cref="TorchRuntime"/>).</summary>
internal static class TorchIsaPin
{
#pragma warning disable CA2255 // tests may call torch before any type of the Torch project: the pin must come first
    [ModuleInitializer]
    internal static void Pin() => TorchRuntime.PinCpuIsa();
#pragma warning restore CA2255
}
