using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Web.Scoring;

/// <summary>
/// Checks a caller's snapshot before anything scores it: every problem named with where it is (field and level),
/// as the errors of a 400 validation problem. Nothing invalid reaches a model or an actor.
/// </summary>
public static class SnapshotValidator
{
    public const int MaxLevels = 1000;
    /// <summary>Above any real price or size of any venue, and far inside the 8-decimal fixed-point range.</summary>
    public const decimal MaxValue = 1_000_000_000m;

    /// <returns>the levels (bids then asks) when valid; else the errors by field.</returns>
    public static (LevelUpdate[]? Levels, Dictionary<string, string[]> Errors) Validate(SnapshotRequest request)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            if (list.Count < 10) list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(request.Symbol)) Add("symbol", "the symbol is required (an entity id such as binance-usdm:BTCUSDT)");
        var levels = new List<LevelUpdate>();
        Side(request.Bids, "bids", QuantumFlow.Models.Market.Side.Bid, levels, Add);
        Side(request.Asks, "asks", QuantumFlow.Models.Market.Side.Ask, levels, Add);
        if (errors.Count == 0)
        {
            Price bestBid = levels.Where(l => l.Side == QuantumFlow.Models.Market.Side.Bid).Max(l => l.Price);
            Price bestAsk = levels.Where(l => l.Side == QuantumFlow.Models.Market.Side.Ask).Min(l => l.Price);
            if (bestBid >= bestAsk) Add("book", $"the book is crossed: best bid {bestBid} >= best ask {bestAsk}");
        }
        return (errors.Count == 0 ? levels.ToArray() : null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    private static void Side(decimal[][]? side, string field, Side which, List<LevelUpdate> levels, Action<string, string> add)
    {
        if (side is null || side.Length == 0)
        {
            add(field, $"{field} is empty: a snapshot needs at least one level per side");
            return;
        }
        if (side.Length > MaxLevels)
        {
            add(field, $"{field} has {side.Length} levels; at most {MaxLevels}");
            return;
        }
        var seen = new HashSet<decimal>();
        for (int i = 0; i < side.Length; i++)
        {
            decimal[]? level = side[i];
            if (level is not { Length: 2 })
            {
                add($"{field}[{i}]", "a level is [price, size]");
                continue;
            }
            decimal price = level[0], size = level[1];
            if (price <= 0 || price > MaxValue) add($"{field}[{i}]", $"price {price} is not in (0, {MaxValue}]");
            else if (size <= 0 || size > MaxValue) add($"{field}[{i}]", $"size {size} is not in (0, {MaxValue}]");
            else if (decimal.Round(price, 8) != price || decimal.Round(size, 8) != size) add($"{field}[{i}]", "prices and sizes have at most 8 decimals");
            else if (!seen.Add(price)) add($"{field}[{i}]", $"price {price} appears twice");
            else levels.Add(new LevelUpdate(which, Price.FromDecimal(price), Quantity.FromDecimal(size)));
        }
    }
}
