using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Backtest.Strategies;

namespace QuantumFlow.Models.Tests.Backtest;

/// <summary>The backtest verb's runner without the verb: one run, or walk-forward over equal parts in time order.</summary>
public sealed class BacktestRunnerTests
{
    private sealed class ListSource(List<ReplayStep> steps) : IReplaySource
    {
        public string Description => "synthetic";
        public long? EstimatedEvents => steps.Count;
        public IEnumerable<ReplayStep> Steps(CancellationToken cancellationToken) => steps;
    }

    private static List<IStrategy> Strategies() => StrategySet.Create("taker", [0.5]);

    [Fact]
    public void Walk_forward_tests_each_part_after_warming_up_on_every_earlier_one()
    {
        List<ReplayStep> steps = SyntheticMarket.Generate(seed: 3, events: 3000);
        BacktestReport report = BacktestRunner.Run(new ListSource(steps), new BacktestOptions(), Strategies, walkForward: true, folds: 4, null, CancellationToken.None);
        Assert.True(report.WalkForward);
        Assert.Equal(3, report.Runs.Count);
        Assert.EndsWith("test part 2/4 after warming up on part 1/4", report.Runs[0].Description);
        Assert.EndsWith("test part 4/4 after warming up on part 1/4, part 2/4, part 3/4", report.Runs[2].Description);
    }

    [Fact]
    public void Once_runs_the_whole_replay_as_one_run()
    {
        List<ReplayStep> steps = SyntheticMarket.Generate(seed: 3, events: 1000);
        BacktestReport report = BacktestRunner.Run(new ListSource(steps), new BacktestOptions(), Strategies, walkForward: false, folds: 0, null, CancellationToken.None);
        Assert.False(report.WalkForward);
        Assert.Equal("synthetic", Assert.Single(report.Runs).Description);
    }

    [Fact]
    public void Equal_parts_cover_the_span_in_time_order_and_the_last_takes_the_remainder()
    {
        IReadOnlyList<BacktestSession> parts = WalkForward.EqualParts(100, 203, 4);
        Assert.Equal(["part 1/4", "part 2/4", "part 3/4", "part 4/4"], parts.Select(p => p.Name));
        Assert.Equal([(100L, 125L), (125L, 150L), (150L, 175L), (175L, 203L)], parts.Select(p => (p.StartNs, p.EndNs)));
        Assert.Throws<ArgumentException>(() => WalkForward.EqualParts(0, 100, 1));
        Assert.Contains("too short", Assert.Throws<ArgumentException>(() => WalkForward.EqualParts(0, 3, 4)).Message);
    }
}
