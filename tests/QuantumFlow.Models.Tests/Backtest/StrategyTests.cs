using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Backtest.Strategies;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Tests.Backtest;

public class StrategyTests
{
    private const long Ms = 1_000_000;
    private static readonly ClassProbabilities Up = new(0.1, 0.1, 0.8), Flat = new(0.1, 0.8, 0.1);

    /// <summary>A spot book that never moves (bid 100 x 100, ask 100.01 x 100), one delta per ms, each with the given prediction.</summary>
    private static List<ReplayStep> Steps(params ClassProbabilities?[] predictions)
    {
        var steps = new List<ReplayStep>
        {
            new(new BookSnapshot(Venue.BinanceSpot, "S", Ms, Ms, 10,
                [new LevelUpdate(Side.Bid, Price.Parse("100"), Quantity.Parse("100")), new LevelUpdate(Side.Ask, Price.Parse("100.01"), Quantity.Parse("100"))]), null),
        };
        for (int i = 0; i < predictions.Length; i++)
        {
            long t = (i + 2) * Ms;
            var e = new BookDelta(Venue.BinanceSpot, "S", t, t, 11 + i, 11 + i, MarketMessage.NoId, [new LevelUpdate(Side.Bid, Price.Parse("99"), Quantity.Parse(i % 2 == 0 ? "1" : "2"))]);
            steps.Add(new ReplayStep(e, predictions[i] is { } p ? new CompletedPrediction(i, t, t, [p], [1.0], p) : null));
        }
        return steps;
    }

    private static IReadOnlyList<Fill> Run(IStrategy strategy, List<ReplayStep> steps)
    {
        var engine = new BacktestEngine(new BacktestOptions { Costs = ExecutionCosts.Default with { OrderLatencyNs = 0 } }, [strategy]);
        engine.Run(steps);
        return engine.Runs[0].Simulator.Fills;
    }

    [Fact]
    public void The_taker_closes_after_its_holding_period_even_while_the_signal_persists()
    {
        var taker = new DirectionalTaker(new TakerOptions { MaxHoldingSteps = 3, ConfidenceThreshold = 0.6 });
        IReadOnlyList<Fill> fills = Run(taker, Steps(Up, Up, Up, Up, Up, Up, Up, Up, Up, Up));
        // Enter on 1, held on 2-3, closed on 4 (no re-entry then), entered again on 5, closed on 8, entered on 9.
        Assert.Equal([Side.Bid, Side.Ask, Side.Bid, Side.Ask, Side.Bid], fills.Select(f => f.Side));
        Assert.Equal(Quantity.Parse("99.995"), fills[0].Quantity); // 10% of 100,000 at the mid 100.005 = 99.99500025, down to 0.001 lots
        Assert.Equal(Price.Parse("100.01"), fills[0].Legs[0].Price);
    }

    [Fact]
    public void The_taker_exits_on_a_flat_signal_only_when_told_to()
    {
        Assert.Equal(2, Run(new DirectionalTaker(new TakerOptions { FlatExits = true }), Steps(Up, Flat, Flat)).Count);
        Assert.Single(Run(new DirectionalTaker(new TakerOptions { FlatExits = false }), Steps(Up, Flat, Flat)));
    }

    [Fact]
    public void Twap_sends_every_child_once_and_buys_the_target()
    {
        var twap = new ExecutionStrategy(new ExecutionOptions { UsePredictions = false, Slices = 4, DurationNs = 8 * Ms, TargetFraction = 0.01 });
        IReadOnlyList<Fill> fills = Run(twap, Steps(Flat, Flat, Flat, Flat, Flat, Flat, Flat, Flat, Flat, Flat, Flat, Flat));
        Assert.Equal(4, fills.Count);
        Assert.All(fills, f => Assert.Equal(Side.Bid, f.Side));
        Assert.Equal(twap.Target, new Quantity(fills.Sum(f => f.Quantity.Raw)));
        Assert.Equal(100.005m, twap.ArrivalMid);
    }

    [Fact]
    public void The_maker_quotes_the_touch_and_pulls_its_ask_back_when_a_rise_is_expected()
    {
        var steps = new List<ReplayStep>
        {
            new(new BookSnapshot(Venue.BinanceSpot, "S", Ms, Ms, 10,
            [
                new LevelUpdate(Side.Bid, Price.Parse("100.00"), Quantity.Parse("5")), new LevelUpdate(Side.Bid, Price.Parse("99.99"), Quantity.Parse("5")),
                new LevelUpdate(Side.Ask, Price.Parse("100.01"), Quantity.Parse("5")), new LevelUpdate(Side.Ask, Price.Parse("100.02"), Quantity.Parse("5")),
            ]), null),
        };
        ClassProbabilities?[] said = [Up, null, Flat, null];
        for (int i = 0; i < said.Length; i++)
        {
            long t = (i + 2) * Ms;
            var e = new BookDelta(Venue.BinanceSpot, "S", t, t, 11 + i, 11 + i, MarketMessage.NoId, [new LevelUpdate(Side.Bid, Price.Parse("99.98"), Quantity.Parse(i % 2 == 0 ? "1" : "2"))]);
            steps.Add(new ReplayStep(e, said[i] is { } p ? new CompletedPrediction(i, t, t, [p], [1.0], p) : null));
        }
        var engine = new BacktestEngine(new BacktestOptions { Costs = ExecutionCosts.Default with { OrderLatencyNs = 0 } }, [new MarketMaker()]);
        engine.Run(steps.Take(3)); // UP said, the quotes reach the venue with the next event
        ExecutionSimulator sim = engine.Runs[0].Simulator;
        // edge 0.7 x 3 ticks = 2 ticks: the ask two ticks above the touch, the bid at it.
        Assert.Equal([Price.Parse("100.00"), Price.Parse("100.03")], sim.Resting.OrderBy(r => r.Side).Select(r => r.Price));
        Assert.Equal(Quantity.Parse("5").Raw, sim.Resting.Single(r => r.Side == Side.Bid).QueueAhead);
        foreach (ReplayStep s in steps.Skip(3)) engine.Step(s); // FLAT: the ask is replaced at the touch
        Assert.Equal([Price.Parse("100.00"), Price.Parse("100.01")], sim.Resting.OrderBy(r => r.Side).Select(r => r.Price));
        Assert.Equal(3, sim.Orders);
    }
}
