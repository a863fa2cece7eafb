namespace QuantumFlow.Models.Prediction;

/// <summary>
/// Runs a batch model always on exactly <see cref="BatchSize"/> windows: larger batches in chunks of that size, the
/// last chunk (and any smaller batch) padded with copies of its last window, whose answers are dropped. Why: a CPU
/// forward pass of TorchSharp picks its kernels by shape, so the same window rounds differently alone, in a batch of
/// 4 or in one of 5 (measured on the shipped checkpoints; which sizes agree changes with the network and the CPU's
/// kernels). With one shape for every call, a window's answer depends neither on how many windows queued with it nor
/// on which (BatchInvarianceTests), so a live model actor that batches whatever queued and a replay that asks one
/// window at a time give the same bits. The exported networks `run` uses compute each window alone and need none of this.
/// </summary>
public sealed class FixedBatchModel : IProbabilisticModel
{
    public const int DefaultBatchSize = 8;

    private readonly IProbabilisticModel _inner;
    private readonly List<FeatureWindow> _chunk;
    private readonly ClassProbabilities[] _results;

    public FixedBatchModel(IProbabilisticModel inner, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _inner = inner;
        BatchSize = batchSize;
        _chunk = new List<FeatureWindow>(batchSize);
        _results = new ClassProbabilities[batchSize];
    }

    public IProbabilisticModel Inner => _inner;
    public int BatchSize { get; }
    public string Name => _inner.Name;
    public string Version => _inner.Version;
    public int WindowLength => _inner.WindowLength;

    public ClassProbabilities Predict(FeatureWindow window)
    {
        Span<ClassProbabilities> one = stackalloc ClassProbabilities[1];
        PredictBatch([window], one);
        return one[0];
    }

    public void PredictBatch(IReadOnlyList<FeatureWindow> windows, Span<ClassProbabilities> results)
    {
        for (int start = 0; start < windows.Count; start += BatchSize)
        {
            int n = Math.Min(BatchSize, windows.Count - start);
            _chunk.Clear();
            for (int i = 0; i < n; i++) _chunk.Add(windows[start + i]);
            while (_chunk.Count < BatchSize) _chunk.Add(windows[start + n - 1]);
            _inner.PredictBatch(_chunk, _results);
            _results.AsSpan(0, n).CopyTo(results[start..]);
        }
        _chunk.Clear();
    }
}
