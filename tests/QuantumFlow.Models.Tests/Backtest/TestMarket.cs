using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Backtest;

/// <summary>A hand-built book moved event by event through one execution simulator, as the engine does.</summary>
internal sealed class TestMarket
{
    public const string Symbol = "BTCUSDT";
    private long _updateId = 1;

    public TestMarket(ExecutionCosts costs) => Simulator = new ExecutionSimulator(Book, costs);

    public OrderBook Book { get; } = new(Venue.BinanceUsdm, Symbol);
    public ExecutionSimulator Simulator { get; }

    public static LevelUpdate Bid(string price, string qty) => new(Side.Bid, Price.Parse(price), Quantity.Parse(qty));
    public static LevelUpdate Ask(string price, string qty) => new(Side.Ask, Price.Parse(price), Quantity.Parse(qty));

    /// <summary>A snapshot made at exchange time <paramref name="exchangeNs"/> and received <paramref name="feedLatencyNs"/> later.</summary>
    public void Snapshot(long exchangeNs, params LevelUpdate[] levels) =>
        Apply(new BookSnapshot(Venue.BinanceUsdm, Symbol, exchangeNs, exchangeNs + 1, _updateId++, levels));

    public void Delta(long exchangeNs, params LevelUpdate[] levels) =>
        Apply(new BookDelta(Venue.BinanceUsdm, Symbol, exchangeNs, exchangeNs + 1, _updateId, _updateId++, _updateId - 2, levels));

    public void Trade(long exchangeNs, string price, string qty, Side aggressor) =>
        Apply(new Trade(Venue.BinanceUsdm, Symbol, exchangeNs, exchangeNs + 1, _updateId++, Price.Parse(price), Quantity.Parse(qty), aggressor));

    public void Apply(MarketEvent e)
    {
        Simulator.BeforeEvent(e);
        switch (e)
        {
            case BookSnapshot s: Book.ApplySnapshot(s.Levels, s.UpdateId, s.ExchangeTimeNs, s.ReceiveTimeNs); break;
            case BookDelta d: Book.ApplyDelta(d.Levels, d.LastUpdateId, d.ExchangeTimeNs, d.ReceiveTimeNs); break;
        }
        Simulator.AfterEvent(e);
    }
}
