using QuantumFlow.Models.Backtest;

namespace QuantumFlow.Models.Tests.Backtest;

public class WalkForwardTests
{
    private static readonly BacktestSession A = new("a", 0, 100), B = new("b", 100, 200), C = new("c", 250, 300);

    [Fact]
    public void Every_fold_tests_on_a_session_after_all_it_trained_on()
    {
        IReadOnlyList<WalkForwardFold> folds = WalkForward.Plan([A, B, C]);
        Assert.Equal(2, folds.Count);
        Assert.Equal([A], folds[0].Train);
        Assert.Equal(B, folds[0].Test);
        Assert.Equal([A, B], folds[1].Train);
        Assert.Equal(C, folds[1].Test);
        foreach (WalkForwardFold f in folds) Assert.All(f.Train, t => Assert.True(t.EndNs <= f.Test.StartNs));
    }

    [Fact]
    public void Sessions_in_reverse_or_overlapping_are_refused_with_their_names()
    {
        var e = Assert.Throws<ArgumentException>(() => WalkForward.Plan([B, A]));
        Assert.Contains("'a' starts before 'b' ends", e.Message);
        Assert.Throws<ArgumentException>(() => WalkForward.Plan([A, new BacktestSession("x", 50, 150)]));
        Assert.Throws<ArgumentException>(() => WalkForward.Plan([A]));
    }
}
