namespace QuantumFlow.Host.Web.Market;

/// <summary>The hub's client methods: one per kind of update (see docs/WEB.md for the payloads).</summary>
public static class PushKinds
{
    public const string Book = "book";
    public const string Trades = "trades";
    public const string Prediction = "prediction";
    public const string Features = "features";
    public const string Paper = "paper";
    public const string Arbitrage = "arbitrage";
    public const string Status = "status";
}
