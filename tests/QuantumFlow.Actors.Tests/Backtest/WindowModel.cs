using QuantumFlow.Models.Prediction;

namespace QuantumFlow.Actors.Tests.Backtest;

/// <summary>
/// A batch model for equality tests: its answer is a pure function of the window (so any difference in the windows
/// the live and replayed paths see shows), and it can hold its first batch until released.
/// </summary>
public sealed class WindowModel(int windowLength, ManualResetEventSlim? holdFirstBatch = null) : IProbabilisticModel
{
    private int _calls;

    public string Name => "window";
    public string Version => "test/window";
    public int WindowLength => windowLength;

    public ClassProbabilities Predict(FeatureWindow w)
    {
        double trend = 0;
        for (int age = 0; age < Math.Min(w.Count, windowLength); age++) trend += Math.Sin(w.Recent(age)[3] * 7 + age);
        return ClassProbabilities.Softmax(trend / windowLength, Math.Cos(w.Latest[5] * 3), 0.05 * w.Count);
    }

    public void PredictBatch(IReadOnlyList<FeatureWindow> windows, Span<ClassProbabilities> results)
    {
        if (Interlocked.Increment(ref _calls) == 1) holdFirstBatch?.Wait(TimeSpan.FromSeconds(60));
        for (int i = 0; i < windows.Count; i++) results[i] = Predict(windows[i]);
    }
}
