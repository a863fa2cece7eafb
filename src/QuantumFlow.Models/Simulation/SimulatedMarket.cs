using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Simulation;

/// <summary>
/// Several simulated symbols on one clock: each symbol has its own <see cref="QueueReactiveBook"/> with a seed derived
/// from the market's seed and the symbol's position, and <see cref="Next"/> advances whichever symbol's next event
/// comes first. The same seed, symbols and parameters give the same events, in the same order, every time.
/// </summary>
public sealed class SimulatedMarket
{
    private readonly QueueReactiveBook[] _books;

    public SimulatedMarket(IReadOnlyList<string> symbols, long seed, QueueReactiveParameters? parameters = null)
    {
        if (symbols.Count == 0) throw new ArgumentException("at least one symbol", nameof(symbols));
        if (symbols.Distinct().Count() != symbols.Count) throw new ArgumentException("symbols must be distinct", nameof(symbols));
        _books = new QueueReactiveBook[symbols.Count];
        for (int i = 0; i < symbols.Count; i++) _books[i] = new QueueReactiveBook(symbols[i], SimulationRandom.Derive(seed, i), parameters);
    }

    public IReadOnlyList<QueueReactiveBook> Books => _books;

    public QueueReactiveBook this[string symbol] =>
        Array.Find(_books, b => b.Symbol == symbol) ?? throw new KeyNotFoundException($"{symbol} is not simulated");

    /// <summary>One snapshot per symbol: what a new subscriber receives first.</summary>
    public void Snapshots(List<MarketEvent> output)
    {
        foreach (QueueReactiveBook b in _books) output.Add(b.Snapshot());
    }

    /// <summary>Advances the earliest symbol by one model event (ties go to the first symbol).</summary>
    public void Next(List<MarketEvent> output)
    {
        QueueReactiveBook next = _books[0];
        for (int i = 1; i < _books.Length; i++)
        {
            if (_books[i].NextEventTimeNs < next.NextEventTimeNs) next = _books[i];
        }
        next.Step(output);
    }
}
