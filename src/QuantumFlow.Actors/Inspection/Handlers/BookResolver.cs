using QuantumFlow.Actors.Books;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>Turns what an operator typed (<c>binance-usdm:BTCUSDT</c>, or <c>BTCUSDT</c> when one venue has it) into an entity id.</summary>
public static class BookResolver
{
    public static bool IsEntityId(string text) => BookId.TryParse(text, out _, out _);

    /// <param name="live">entity ids of the live books.</param>
    /// <exception cref="CommandUsageException">no live book has the symbol, or several venues do.</exception>
    public static string Resolve(string text, IEnumerable<string> live)
    {
        if (IsEntityId(text)) return text;
        if (text.Contains(':')) throw new CommandUsageException($"'{text}' is not a book id: venue:symbol, e.g. binance-usdm:BTCUSDT");
        var matches = live.Where(id => BookId.TryParse(id, out _, out string symbol) && symbol.Equals(text, StringComparison.OrdinalIgnoreCase))
            .Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CommandUsageException($"no live book has the symbol '{text}' (see book list); give venue:symbol to start one from the journal"),
            _ => throw new CommandUsageException($"'{text}' is ambiguous: {string.Join(", ", matches)}; give venue:symbol"),
        };
    }
}
