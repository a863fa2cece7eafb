namespace QuantumFlow.Models.Prediction;

/// <summary>
/// Runs a batch model never on fewer than <see cref="MinimumBatch"/> windows, padding small batches with copies of
/// their last window (whose answers are dropped). Why: a CPU forward pass of TorchSharp picks its matmul kernels by
/// shape, and a window computed alone (or, for the Transformer, in a batch of 2 or 3) rounds differently from the same
/// window in a larger batch, while from 4 up a window's answer depends neither on the batch size nor on its partners
/// (measured on the shipped checkpoints, guarded by BatchInvarianceTests). A live model actor batches whatever
/// queued and a replay asks one window at a time; padding makes both give the same bits, for the cost of at most
/// three extra rows on an idle node, where a tiny batch's time is overhead anyway.
/// </summary>
public sealed class MinimumBatchModel : IProbabilisticModel
{
    public const int DefaultMinimumBatch = 4;

    private readonly IProbabilisticModel _inner;
    private readonly List<FeatureWindow> _padded;
    private readonly ClassProbabilities[] _results;

    public MinimumBatchModel(IProbabilisticModel inner, int minimumBatch = DefaultMinimumBatch)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumBatch, 1);
        _inner = inner;
        MinimumBatch = minimumBatch;
        _padded = new List<FeatureWindow>(minimumBatch);
        _results = new ClassProbabilities[minimumBatch];
    }

    public IProbabilisticModel Inner => _inner;
    public int MinimumBatch { get; }
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
        if (windows.Count == 0 || windows.Count >= MinimumBatch)
        {
            _inner.PredictBatch(windows, results);
            return;
        }
        _padded.Clear();
        _padded.AddRange(windows);
        while (_padded.Count < MinimumBatch) _padded.Add(windows[^1]);
        _inner.PredictBatch(_padded, _results);
        _results.AsSpan(0, windows.Count).CopyTo(results);
        _padded.Clear();
    }
}
