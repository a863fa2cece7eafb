using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>What a strategy sees at a decision (the step just applied, the book, its position) and how it sends orders.</summary>
public sealed class StrategyContext
{
    private readonly ExecutionSimulator _simulator;

    public StrategyContext(ExecutionSimulator simulator, OrderBook book, decimal capital)
    {
        _simulator = simulator;
        Book = book;
        Capital = capital;
    }

    public ReplayStep Step { get; internal set; } = null!;
    /// <summary>The decision time: when this system received the step's event (local clock).</summary>
    public long TimeNs => Step.Event.ReceiveTimeNs;
    public CompletedPrediction? Prediction => Step.Prediction;
    public OrderBook Book { get; }
    public decimal Capital { get; }
    public long PositionRaw => _simulator.Account.PositionRaw;
    public ExecutionSimulator Simulator => _simulator;

    public long Submit(OrderRequest order) => _simulator.Submit(order, TimeNs);
    public void Cancel(long orderId) => _simulator.Cancel(orderId, TimeNs);
    public bool IsLive(long orderId) => _simulator.IsLive(orderId);

    /// <summary>Capital x fraction at the current mid, rounded down to the lot; zero when the book has no mid.</summary>
    public Quantity SizeFor(double capitalFraction, Quantity lot)
    {
        decimal mid = Book.Mid;
        if (mid <= 0 || lot.Raw <= 0) return Quantity.Zero;
        decimal units = Capital * (decimal)capitalFraction / mid;
        long lots = (long)Math.Floor(units / lot.ToDecimal());
        return new Quantity(lots * lot.Raw);
    }
}
