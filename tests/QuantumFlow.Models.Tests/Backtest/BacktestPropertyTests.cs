using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Backtest.Metrics;
using QuantumFlow.Models.Backtest.Strategies;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Backtest;

public class BacktestPropertyTests
{
    private static IStrategy[] AllStrategies() =>
    [
        new DirectionalTaker(new TakerOptions { ConfidenceThreshold = 0.4, MaxHoldingSteps = 20 }),
        new DirectionalTaker(new TakerOptions { Signal = SignalSource.Random, MaxHoldingSteps = 20 }),
        new MarketMaker(),
        new ExecutionStrategy(new ExecutionOptions { DurationNs = 20L * 1_000_000_000, Slices = 10 }),
        new ExecutionStrategy(new ExecutionOptions { DurationNs = 20L * 1_000_000_000, Slices = 10, UsePredictions = false }),
        new RandomOrders(11),
    ];

    private static BacktestResult Run(List<ReplayStep> steps, ExecutionCosts costs, params IStrategy[] strategies)
    {
        var engine = new BacktestEngine(new BacktestOptions { Costs = costs }, strategies);
        engine.Run(steps);
        return engine.Finish("synthetic");
    }

    [Fact]
    public void Zero_signal_makes_zero_trades_and_zero_pnl()
    {
        List<ReplayStep> steps = SyntheticMarket.Generate(seed: 1, events: 3000);
        BacktestResult result = Run(steps, ExecutionCosts.Default, new DirectionalTaker(new TakerOptions { Signal = SignalSource.None }));
        PerformanceMetrics row = Assert.Single(result.Rows);
        Assert.True(result.Predictions > 1000);
        Assert.Equal(0, row.Orders);
        Assert.Equal(0, row.Trades);
        Assert.Equal(0m, row.NetPnl);
        Assert.Equal(0m, row.GrossPnl);
        Assert.Equal(0, row.SharpePerPeriod);
        Assert.Null(row.Sharpe); // minutes of data: never annualised
        Assert.Null(row.TradeNetBps);
        Assert.Equal(0m, row.MaxDrawdown);
        Assert.True(row.Periods > 10);
    }

    [Fact]
    public void Doubling_every_cost_never_raises_pnl_and_changes_no_fill()
    {
        for (int seed = 0; seed < 8; seed++)
        {
            var rng = new Random(seed);
            var costs = new ExecutionCosts
            {
                TakerBps = rng.NextDouble() * 10,
                MakerBps = rng.NextDouble() * 5,
                FixedFee = (decimal)Math.Round(rng.NextDouble(), 4),
                SlippageBps = rng.NextDouble() * 3,
                OrderLatencyNs = rng.NextInt64(0, 50_000_000),
            };
            var doubled = costs with { TakerBps = 2 * costs.TakerBps, MakerBps = 2 * costs.MakerBps, FixedFee = 2 * costs.FixedFee, SlippageBps = 2 * costs.SlippageBps };
            List<ReplayStep> steps = SyntheticMarket.Generate(seed, events: 1500);
            BacktestResult once = Run(steps, costs, AllStrategies());
            BacktestResult twice = Run(steps, doubled, AllStrategies());
            for (int i = 0; i < once.Rows.Count; i++)
            {
                PerformanceMetrics a = once.Rows[i], b = twice.Rows[i];
                Assert.Equal(a.Trades, b.Trades);
                Assert.Equal(a.GrossPnl, b.GrossPnl);
                Assert.True(b.NetPnl <= a.NetPnl, $"seed {seed} {a.Strategy}: net {b.NetPnl} with doubled costs > {a.NetPnl}");
                if (a.Trades > 0) Assert.True(b.NetPnl < a.NetPnl, $"seed {seed} {a.Strategy}: costs of {a.Trades} fills changed nothing");
            }
            Assert.Contains(once.Rows, r => r.Trades > 0 && r.Strategy == "maker");
        }
    }

    [Fact]
    public void No_fill_ever_uses_a_book_state_from_after_its_decision_time_plus_latency()
    {
        int fills = 0, makerFills = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            var rng = new Random(100 + seed);
            var costs = ExecutionCosts.Default with { OrderLatencyNs = rng.NextInt64(0, 80_000_000) };
            List<ReplayStep> steps = SyntheticMarket.Generate(seed, events: 1500, maxFeedLatencyNs: rng.NextInt64(0, 100_000_000));
            BacktestResult result = Run(steps, costs, AllStrategies());

            // An independent replica of the book after each event, to check what every fill saw.
            var replica = new BookReplica(Venue.BinanceSpot, SyntheticMarket.Symbol);
            var bestAfter = new List<(Price Bid, Price Ask)>();
            var clocks = new List<long>();
            var newestBefore = new List<long> { long.MinValue }; // newest exchange time among the first k events
            foreach (ReplayStep s in steps)
            {
                replica.Apply(s.Event);
                bestAfter.Add((replica.Book.BestBid, replica.Book.BestAsk));
                clocks.Add(EventClock.ExchangeNs(s.Event));
                newestBefore.Add(Math.Max(newestBefore[^1], clocks[^1]));
            }
            foreach (Fill f in result.Curves.SelectMany(c => c.Fills))
            {
                fills++;
                Assert.True(f.ArrivalTimeNs >= f.DecisionTimeNs + costs.OrderLatencyNs);
                if (f.Liquidity == Liquidity.Taker)
                {
                    Assert.True(f.BookTimeNs <= f.ArrivalTimeNs, $"fill used the book at {f.BookTimeNs}, after its arrival {f.ArrivalTimeNs}");
                    // Every event in the state used happened at the venue by the arrival.
                    Assert.True(newestBefore[(int)f.BookEvents] <= f.ArrivalTimeNs);
                    // ...and the state used is the book right after those events: its best opposite price is the first leg's.
                    (Price bid, Price ask) = bestAfter[(int)f.BookEvents - 1];
                    Assert.Equal(f.Side == Side.Bid ? ask : bid, f.Legs[0].Price);
                    // It did not wait longer than needed: the next event is the first one after the arrival.
                    if (f.BookEvents < clocks.Count) Assert.True(clocks[(int)f.BookEvents] > f.ArrivalTimeNs);
                }
                else
                {
                    makerFills++;
                    Assert.True(f.FillTimeNs > f.ArrivalTimeNs, "a resting order filled by a trade from before it arrived");
                }
            }
        }
        Assert.True(fills > 500 && makerFills > 20, $"{fills} fills, {makerFills} maker fills: too few to test anything");
    }

    /// <summary>Buys or sells at random (market and limit) on a tenth of the steps: exercises the simulator's timing.</summary>
    private sealed class RandomOrders(int seed) : IStrategy
    {
        private readonly Random _rng = new(seed);
        public string Name => "random-orders";

        public void OnStep(StrategyContext context)
        {
            if (_rng.NextDouble() > 0.1 || !context.Book.IsValid) return;
            Side side = _rng.Next(2) == 0 ? Side.Bid : Side.Ask;
            var qty = new Quantity(_rng.NextInt64(1, 20) * 10_000_000);
            OrderBook b = context.Book;
            context.Submit(_rng.Next(2) == 0
                ? new OrderRequest(side, OrderType.Market, qty)
                : new OrderRequest(side, OrderType.Limit, qty, side == Side.Bid ? b.BestBid : b.BestAsk));
        }
    }
}
