using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>
/// One strategy's money: position (exact, signed), the cash that fills moved (gross of costs), and the costs (fees and
/// slippage) kept apart so gross and net P&amp;L both fall out and each cost is counted exactly once, when its fill
/// happens. P&amp;L convention: decimal quote currency, marked to the mid; starting capital only scales returns.
/// </summary>
public sealed class Account
{
    private readonly List<RoundTrip> _roundTrips = new();
    private decimal _tripCash;
    private decimal _tripCosts;
    private decimal _tripNotional;
    private long _tripOpenedNs;

    /// <summary>Signed position in 1e-8 units of the base asset: positive long.</summary>
    public long PositionRaw { get; private set; }
    public Quantity AbsolutePosition => new(Math.Abs(PositionRaw));
    public decimal Position => new Quantity(PositionRaw).ToDecimal();
    /// <summary>Cash from fills at their prices: sells add, buys subtract; no costs.</summary>
    public decimal Cash { get; private set; }
    public decimal Fees { get; private set; }
    public decimal Slippage { get; private set; }
    public decimal Costs => Fees + Slippage;
    /// <summary>Sum of fill notionals.</summary>
    public decimal Turnover { get; private set; }
    public int Fills { get; private set; }
    public IReadOnlyList<RoundTrip> RoundTrips => _roundTrips;

    public decimal GrossPnl(decimal mark) => Cash + Position * mark;
    public decimal NetPnl(decimal mark) => GrossPnl(mark) - Costs;

    public void Apply(Fill fill)
    {
        Fills++;
        Fees += fill.Fee;
        Slippage += fill.Slippage;
        foreach (FillLeg leg in fill.Legs)
        {
            decimal notional = leg.Price.ToDecimal() * leg.Quantity.ToDecimal();
            Turnover += notional;
        }
        decimal totalQty = fill.Quantity.ToDecimal();
        decimal costs = fill.Fee + fill.Slippage;
        foreach (FillLeg leg in fill.Legs)
        {
            decimal legCosts = costs * (leg.Quantity.ToDecimal() / totalQty);
            ApplyLeg(fill.Sign, leg.Price, leg.Quantity.Raw, legCosts, fill.FillTimeNs);
        }
    }

    private void ApplyLeg(int sign, Price price, long qty, decimal costs, long timeNs)
    {
        long before = PositionRaw;
        // The part of this leg that closes the open position (up to flat), and the rest that opens the next one.
        long closing = before != 0 && Math.Sign(before) != sign ? Math.Min(qty, Math.Abs(before)) : 0;
        long opening = qty - closing;
        if (closing > 0)
        {
            decimal share = (decimal)closing / qty;
            Book(sign, price, closing, costs * share);
            if (before + sign * closing == 0) CloseTrip(Math.Sign(before), timeNs);
        }
        if (opening > 0)
        {
            if (PositionRaw == 0) _tripOpenedNs = timeNs;
            Book(sign, price, opening, costs * ((decimal)opening / qty));
            _tripNotional += price.ToDecimal() * new Quantity(opening).ToDecimal();
        }
    }

    private void Book(int sign, Price price, long qty, decimal costs)
    {
        decimal cash = -sign * price.ToDecimal() * new Quantity(qty).ToDecimal();
        Cash += cash;
        _tripCash += cash;
        _tripCosts += costs;
        PositionRaw += sign * qty;
    }

    private void CloseTrip(int direction, long timeNs)
    {
        _roundTrips.Add(new RoundTrip(_tripOpenedNs, timeNs, direction, _tripCash, _tripCosts, _tripNotional));
        _tripCash = 0;
        _tripCosts = 0;
        _tripNotional = 0;
    }
}
