using System.Collections.Immutable;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>
/// One execution of one order at one moment (a market order walking three levels is one fill with three legs; each
/// fill is one "trade" for the fixed fee). Prices and sizes are exact; money is decimal quote currency.
/// <para>
/// Times, for the look-ahead audit: <see cref="DecisionTimeNs"/> is the local (receive) time the strategy decided at;
/// <see cref="ArrivalTimeNs"/> is when the order reached the venue (decision + order latency, exchange clock);
/// <see cref="BookTimeNs"/> is the exchange time of the last event in the book state the fill used, never after the
/// arrival for a taker fill; <see cref="FillTimeNs"/> is the exchange time of the event that filled a resting order.
/// <see cref="BookEvents"/> is how many events the book had applied when the fill used it (an audit trail for tests).
/// </para>
/// </summary>
public sealed record Fill(
    long OrderId,
    Side Side,
    Liquidity Liquidity,
    ImmutableArray<FillLeg> Legs,
    decimal Fee,
    decimal Slippage,
    long DecisionTimeNs,
    long ArrivalTimeNs,
    long BookTimeNs,
    long FillTimeNs,
    long BookEvents)
{
    public Quantity Quantity => new(Legs.Sum(l => l.Quantity.Raw));

    /// <summary>Sum of price x size over the legs, exact.</summary>
    public decimal Notional => Legs.Sum(l => l.Price.ToDecimal() * l.Quantity.ToDecimal());

    public decimal AveragePrice => Notional / Quantity.ToDecimal();

    /// <summary>+1 for a buy, -1 for a sell.</summary>
    public int Sign => Side == Side.Bid ? 1 : -1;
}
