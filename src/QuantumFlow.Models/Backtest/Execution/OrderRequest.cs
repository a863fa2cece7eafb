using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Execution;

/// <summary>
/// What a strategy asks for: buy (<see cref="Side.Bid"/>) or sell (<see cref="Side.Ask"/>) an exact quantity, at the
/// market or with a limit price. The simulator stamps it with its id and times.
/// </summary>
public sealed record OrderRequest(Side Side, OrderType Type, Quantity Quantity, Price LimitPrice = default)
{
    public static OrderRequest Buy(Quantity quantity) => new(Side.Bid, OrderType.Market, quantity);
    public static OrderRequest Sell(Quantity quantity) => new(Side.Ask, OrderType.Market, quantity);
    public static OrderRequest BuyLimit(Quantity quantity, Price price) => new(Side.Bid, OrderType.Limit, quantity, price);
    public static OrderRequest SellLimit(Quantity quantity, Price price) => new(Side.Ask, OrderType.Limit, quantity, price);
}
