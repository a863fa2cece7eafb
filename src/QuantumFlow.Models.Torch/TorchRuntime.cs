using TorchSharp;

namespace QuantumFlow.Models.Torch;

/// <summary>
/// Process-wide torch settings. Threads are set explicitly: the default spins several OpenMP threads, and with
/// another process busy on a core a training step went from ~50 ms to 3-4 s (docs/platform-notes). Inference of one
/// small batch is fastest on one thread; actors provide the parallelism across models.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    public static void Initialize(int threads = 1, int seed = 42)
    {
        lock (Gate)
        {
            if (_initialized) return;
            torch.set_num_threads(Math.Max(1, threads));
            torch.manual_seed(seed);
            _initialized = true;
        }
    }
}
