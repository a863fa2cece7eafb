using System.Collections.Concurrent;
using QuantumFlow.Models.Prediction;

namespace QuantumFlow.Actors.Tests.Prediction;

/// <summary>A batch model for tests: always leans UP, records its batch sizes, and can hold its first batch until released.</summary>
public sealed class RecordingModel(int windowLength, ManualResetEventSlim? holdFirstBatch = null) : IProbabilisticModel
{
    private int _calls;

    public ConcurrentQueue<int> BatchSizes { get; } = new();
    public ConcurrentQueue<int> WindowRows { get; } = new();
    public string Name => "recording";
    public string Version => "test/1";
    public int WindowLength => windowLength;

    public ClassProbabilities Predict(FeatureWindow window) => new(0.2, 0.2, 0.6);

    public void PredictBatch(IReadOnlyList<FeatureWindow> windows, Span<ClassProbabilities> results)
    {
        if (Interlocked.Increment(ref _calls) == 1) holdFirstBatch?.Wait(TimeSpan.FromSeconds(30));
        BatchSizes.Enqueue(windows.Count);
        for (int i = 0; i < windows.Count; i++)
        {
            WindowRows.Enqueue(windows[i].Count);
            results[i] = Predict(windows[i]);
        }
    }
}
