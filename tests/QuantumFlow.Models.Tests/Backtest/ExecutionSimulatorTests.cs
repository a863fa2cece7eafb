using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Market;
using static QuantumFlow.Models.Tests.Backtest.TestMarket;

namespace QuantumFlow.Models.Tests.Backtest;

public class ExecutionSimulatorTests
{
    private static readonly ExecutionCosts Costs = new() { TakerBps = 5, MakerBps = 2, FixedFee = 0.5m, SlippageBps = 1, OrderLatencyNs = 10 };

    [Fact]
    public void A_market_buy_walks_three_levels_at_exact_prices_and_pays_each_cost_once()
    {
        var m = new TestMarket(Costs);
        m.Snapshot(100, Bid("99", "5"), Ask("100", "1"), Ask("101", "2"), Ask("102", "3"), Ask("103", "4"));
        m.Simulator.Submit(OrderRequest.Buy(Quantity.Parse("4.5")), decisionNs: 101);
        Assert.Empty(m.Simulator.Fills); // still in flight: arrives at 111
        m.Delta(111, Bid("99", "6")); // not after the arrival: the order has not reached the venue yet
        Assert.Empty(m.Simulator.Fills);
        m.Delta(112, Ask("100", "0")); // the first event after the arrival: fills on the book before it
        Fill fill = Assert.Single(m.Simulator.Fills);
        Assert.Equal([new FillLeg(Price.Parse("100"), Quantity.Parse("1")), new FillLeg(Price.Parse("101"), Quantity.Parse("2")),
            new FillLeg(Price.Parse("102"), Quantity.Parse("1.5"))], fill.Legs.ToArray());
        Assert.Equal(Liquidity.Taker, fill.Liquidity);
        Assert.Equal(455m, fill.Notional); // 100 + 202 + 153
        Assert.Equal(455m * 5 / 10_000 + 0.5m, fill.Fee);
        Assert.Equal(455m * 1 / 10_000, fill.Slippage);
        Assert.Equal(111, fill.BookTimeNs);
        Assert.Equal(111, fill.ArrivalTimeNs);

        Account a = m.Simulator.Account;
        Assert.Equal(4.5m, a.Position);
        Assert.Equal(fill.Fee, a.Fees); // charged once, at the fill
        // Marked at 100: gross = 450 - 455; net subtracts the fee and slippage once.
        Assert.Equal(-5m, a.GrossPnl(100m));
        Assert.Equal(-5m - fill.Fee - fill.Slippage, a.NetPnl(100m));
    }

    [Fact]
    public void A_round_trip_charges_entry_and_exit_fees_once_each()
    {
        var m = new TestMarket(Costs with { SlippageBps = 0 });
        m.Snapshot(100, Bid("99", "5"), Ask("100", "5"));
        m.Simulator.Submit(OrderRequest.Buy(Quantity.Parse("1")), 100);
        m.Delta(200, Bid("104", "5"), Ask("100", "0"), Ask("105", "5"));
        m.Simulator.Submit(OrderRequest.Sell(Quantity.Parse("1")), 200);
        m.Delta(300, Bid("104", "4"));
        RoundTrip trip = Assert.Single(m.Simulator.Account.RoundTrips);
        decimal entryFee = 100m * 5 / 10_000 + 0.5m, exitFee = 104m * 5 / 10_000 + 0.5m;
        Assert.Equal(4m, trip.GrossPnl);
        Assert.Equal(entryFee + exitFee, trip.Costs);
        Assert.Equal(4m - entryFee - exitFee, m.Simulator.Account.NetPnl(999m)); // flat: the mark no longer matters
    }

    [Fact]
    public void A_limit_order_fills_only_after_the_size_ahead_of_it_has_traded()
    {
        var m = new TestMarket(Costs);
        m.Snapshot(100, Bid("99", "3"), Ask("100", "2"));
        m.Simulator.Submit(OrderRequest.BuyLimit(Quantity.Parse("1"), Price.Parse("99")), 100);
        m.Delta(111, Bid("99", "4")); // arrives behind the 3 displayed; the 1 added now joins behind it
        RestingOrder r = Assert.Single(m.Simulator.Resting);
        Assert.Equal(Quantity.Parse("3").Raw, r.QueueAhead);

        m.Trade(120, "99", "2", Side.Ask); // 2 of the 3 ahead trade
        Assert.Empty(m.Simulator.Fills);
        m.Trade(121, "100", "5", Side.Bid); // buyers lifting the ask never reach a bid
        Assert.Empty(m.Simulator.Fills);
        m.Trade(122, "99", "1.4", Side.Ask); // the last 1 ahead, then 0.4 of ours
        Fill first = Assert.Single(m.Simulator.Fills);
        Assert.Equal(Liquidity.Maker, first.Liquidity);
        Assert.Equal([new FillLeg(Price.Parse("99"), Quantity.Parse("0.4"))], first.Legs.ToArray());
        Assert.Equal(99m * 0.4m * 2 / 10_000 + 0.5m, first.Fee);
        Assert.Equal(0m, first.Slippage); // no extra slippage on resting fills
        Assert.Equal(122, first.FillTimeNs);

        m.Trade(130, "98.9", "0.1", Side.Ask); // a print through our price: our level was cleared
        Assert.Equal(2, m.Simulator.Fills.Count);
        Assert.Equal(Quantity.Parse("0.6"), m.Simulator.Fills[1].Quantity);
        Assert.Empty(m.Simulator.Resting);
        Assert.Equal(1m, m.Simulator.Account.Position);
    }

    [Fact]
    public void Cancels_ahead_move_the_order_up_pro_rata_and_traded_size_is_not_counted_as_cancelled()
    {
        var m = new TestMarket(Costs);
        m.Snapshot(100, Bid("99", "4"), Ask("100", "2"));
        m.Simulator.Submit(OrderRequest.BuyLimit(Quantity.Parse("1"), Price.Parse("99")), 100);
        m.Delta(111, Bid("99", "6")); // 4 ahead, 2 behind
        m.Trade(112, "99", "1", Side.Ask); // 3 ahead
        m.Delta(113, Bid("99", "2")); // 4 gone: 1 traded, 3 cancelled out of the 5 others, 3 of which are ahead
        RestingOrder r = Assert.Single(m.Simulator.Resting);
        Assert.Equal(Quantity.Parse("1.2").Raw, r.QueueAhead); // 3 - 3 x 3/5
        m.Delta(114, Bid("99", "0.5")); // 1.5 more cancelled, 1.2 of the 2 ahead: 1.2 - 1.5 x 1.2/2
        Assert.Equal(Quantity.Parse("0.3").Raw, r.QueueAhead);
        m.Snapshot(115, Bid("99", "0.1"), Ask("100", "2")); // a snapshot says nothing of who left; never more ahead than shown
        Assert.Equal(Quantity.Parse("0.1").Raw, r.QueueAhead);
    }

    [Fact]
    public void A_cancel_takes_effect_only_after_the_latency_and_fills_meanwhile_stand()
    {
        var m = new TestMarket(Costs);
        m.Snapshot(100, Bid("99", "1"), Ask("100", "2"));
        long id = m.Simulator.Submit(OrderRequest.BuyLimit(Quantity.Parse("1"), Price.Parse("99")), 100);
        m.Delta(111, Bid("98", "1"));
        m.Simulator.Cancel(id, 115); // reaches the venue at 125
        m.Trade(120, "99", "2", Side.Ask);
        Assert.Single(m.Simulator.Fills);
        Assert.False(m.Simulator.IsLive(id));
    }

    [Fact]
    public void An_order_arriving_at_an_invalid_book_is_rejected()
    {
        var m = new TestMarket(Costs);
        m.Simulator.Submit(OrderRequest.Buy(Quantity.Parse("1")), 0);
        m.Snapshot(100, Bid("99", "1"), Ask("100", "2"));
        Assert.Empty(m.Simulator.Fills);
        Assert.Equal(1, m.Simulator.Rejected);
    }

    [Fact]
    public void A_marketable_limit_order_takes_up_to_its_price_and_rests_the_rest()
    {
        var m = new TestMarket(Costs);
        m.Snapshot(100, Bid("99", "1"), Ask("100", "1"), Ask("101", "1"), Ask("102", "1"));
        m.Simulator.Submit(OrderRequest.BuyLimit(Quantity.Parse("3"), Price.Parse("101")), 100);
        m.Delta(200, Bid("98", "1"));
        Fill fill = Assert.Single(m.Simulator.Fills);
        Assert.Equal(Quantity.Parse("2"), fill.Quantity);
        RestingOrder r = Assert.Single(m.Simulator.Resting);
        Assert.Equal(Price.Parse("101"), r.Price);
        Assert.Equal(Quantity.Parse("1").Raw, r.Remaining);
    }
}
