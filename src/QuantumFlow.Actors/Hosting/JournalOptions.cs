namespace QuantumFlow.Actors.Hosting;

public enum JournalProvider
{
    Sqlite,
    Postgres,
    /// <summary>Akka's in-memory journal: nothing survives the process. For benchmarks of the actor path alone.</summary>
    Memory,
}

/// <summary>Where events are journaled: <c>sqlite:PATH</c> (the embedded default), <c>postgres:CONNSTR</c>, or <c>memory</c>.</summary>
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
            "memory" => new JournalOptions(JournalProvider.Memory, ""),
            _ => throw new FormatException($"journal '{text}' is not sqlite:PATH or postgres:CONNECTION-STRING"),
        };
    }

    public string ProviderName => Provider == JournalProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    public override string ToString() => Provider switch
    {
        JournalProvider.Sqlite => "sqlite:" + ConnectionString,
        JournalProvider.Postgres => "postgres:" + Redacted(ConnectionString),
        _ => "memory",
    };

    private static string Redacted(string cs) =>
        string.Join(';', cs.Split(';').Select(p => p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : p));
}
