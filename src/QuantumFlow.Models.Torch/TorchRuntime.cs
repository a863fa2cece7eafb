using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace QuantumFlow.Models.Torch;

/// <summary>
/// Process-wide torch settings. Threads are set explicitly: the default spins several OpenMP threads, and with
/// another process busy on a core a training step went from ~50 ms to 3-4 s (docs/platform-notes). Inference of one
/// small batch is fastest on one thread; actors provide the parallelism across models.
/// <para>
/// The kernels are pinned to one instruction set (<see cref="PinnedIsa"/>) before libtorch loads: on CPUs with
/// AVX-512 BF16 oneDNN picks other LSTM kernels whose answers differ far beyond rounding (the shipped LSTM said DOWN
/// 0.243 there, 0.379 elsewhere), so training, evaluation and tests would depend on the machine. oneDNN reads
/// <c>DNNL_MAX_CPU_ISA</c> once, from the native environment, on first use: .NET's Environment.SetEnvironmentVariable
/// does not reach that environment on Linux, hence setenv, and hence a module initializer, which runs before any code
/// of this assembly can touch torch.
/// </para>
/// </summary>
public static class TorchRuntime
{
    /// <summary>The widest instruction set oneDNN may use; every x86-64 CPU of the last decade has it, and it gives the same answers on all of them.</summary>
    public const string PinnedIsa = "AVX2";

    /// <summary>The variables oneDNN reads (the second is its newer name).</summary>
    public static readonly string[] IsaVariables = ["DNNL_MAX_CPU_ISA", "ONEDNN_MAX_CPU_ISA"];

    private static readonly Lock Gate = new();
    private static bool _initialized;

    public static void Initialize(int threads = 1, int seed = 42)
    {
        lock (Gate)
        {
            if (_initialized) return;
            PinCpuIsa();
            torch.set_num_threads(Math.Max(1, threads));
            torch.manual_seed(seed);
            _initialized = true;
        }
    }

    /// <summary>
    /// Seeds torch's generator for what comes next (a network's initialisation, its dropout): a training that reseeds
    /// before each network gives the same weights for the same seed whatever ran before it in the process;
    /// <see cref="Initialize"/> seeds only once per process.
    /// </summary>
    public static void Reseed(int seed)
    {
        Initialize();
        torch.manual_seed(seed);
    }

    /// <summary>
    /// Sets the ISA cap in the native environment unless the operator set one. Idempotent; effective only before
    /// libtorch's first kernel runs (a test assembly that calls torch directly calls this from its own module initializer).
    /// </summary>
    public static void PinCpuIsa()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // Windows: the process environment is the CRT's, read as set
        foreach (string name in IsaVariables)
        {
            if (NativeValue(name) is null) _ = SetEnv(name, PinnedIsa, 0);
            Environment.SetEnvironmentVariable(name, NativeValue(name));
        }
    }

    /// <summary>
    /// Runs torch work with no garbage collection until it returns. TorchSharp turns every number it hands libtorch
    /// (Adam's <c>alpha</c> and <c>value</c>, a division by sqrt(d), a temperature) into a Scalar that has a finalizer
    /// and is not kept alive through the native call, so a collection during that call can free the scalar libtorch is
    /// reading. That happened once: training died in Adam.step with c10's "Expected false to be true" from
    /// Scalar::toFloat, the check a freed scalar's tag fails. Nothing is collected in a no-GC region, so every scalar the
    /// work creates outlives it. Entering one collects first, about a millisecond in training, so callers group small
    /// steps into one region.
    /// </summary>
    /// <param name="budgetBytes">What the work may allocate; past it a collection runs and the protection lapses, so size it generously.</param>
    public static T WithoutCollection<T>(Func<T> work, long budgetBytes = 64L << 20)
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return work();
        bool entered = GC.TryStartNoGCRegion(budgetBytes);
        try
        {
            return work();
        }
        finally
        {
            if (entered && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
    }

    /// <inheritdoc cref="WithoutCollection{T}(Func{T}, long)"/>
    public static void WithoutCollection(Action work, long budgetBytes = 64L << 20) =>
        WithoutCollection(() =>
        {
            work();
            return true;
        }, budgetBytes);

    /// <summary>The variable as native code (oneDNN) sees it.</summary>
    public static string? NativeValue(string name)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return Environment.GetEnvironmentVariable(name);
        IntPtr value = GetEnv(name);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    // The pin must precede every torch call, and no caller can be trusted to come first: this is the one case CA2255 allows for.
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void PinOnLoad() => PinCpuIsa();
#pragma warning restore CA2255

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
