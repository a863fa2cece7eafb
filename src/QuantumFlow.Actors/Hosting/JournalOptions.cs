namespace QuantumFlow.Actors.Hosting;

public enum JournalProvider { Sqlite, Postgres }

/// <summary>Where events are journaled: <c>sqlite:PATH</c> (the embedded default) or <c>postgres:CONNSTR</c>.</summary>
public sealed record JournalOptions(JournalProvider Provider, string ConnectionString)
{
    public static JournalOptions Default => new(JournalProvider.Sqlite, "Data Source=quantumflow.db");

    /// <exception cref="FormatException">the text is not <c>sqlite:PATH</c> or <c>postgres:CONNSTR</c>.</exception>
    public static JournalOptions Parse(string text)
    {
        int colon = text.IndexOf(':');
        string kind = colon > 0 ? text[..colon] : text;
        string rest = colon > 0 ? text[(colon + 1)..] : "";
        return kind switch
        {
            "sqlite" when rest.Length > 0 => new JournalOptions(JournalProvider.Sqlite, rest.Contains('=') ? rest : $"Data Source={rest}"),
            "postgres" or "postgresql" when rest.Length > 0 => new JournalOptions(JournalProvider.Postgres, rest),
            _ => throw new FormatException($"journal '{text}' is not sqlite:PATH or postgres:CONNECTION-STRING"),
        };
    }

    public string ProviderName => Provider == JournalProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    public override string ToString() => Provider == JournalProvider.Sqlite ? "sqlite:" + ConnectionString : "postgres:" + Redacted(ConnectionString);

    private static string Redacted(string cs) =>
        string.Join(';', cs.Split(';').Select(p => p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : p));
}
