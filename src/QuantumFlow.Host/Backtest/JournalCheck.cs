using Microsoft.Data.Sqlite;
using Npgsql;
using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Host.Backtest;

/// <summary>
/// Whether a journal can be read back, asked before a replay starts: the persistence plugin would otherwise create a
/// missing SQLite file (leaving an empty database behind), fail deep inside Akka on a file that is no database, or
/// retry an unreachable server with a stack trace.
/// </summary>
public static class JournalCheck
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>How long an unreachable PostgreSQL may take to refuse before it is reported.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <returns>Why <paramref name="journal"/> cannot be read (naming the file or server), or null.</returns>
    public static string? Problem(JournalOptions journal) => journal.Provider switch
    {
        JournalProvider.Sqlite => SqliteProblem(journal),
        JournalProvider.Postgres => PostgresProblem(journal),
        _ => "an in-memory journal cannot be read back: use sqlite: or postgres:",
    };

    private static string? SqliteProblem(JournalOptions journal)
    {
        string path;
        try
        {
            path = new SqliteConnectionStringBuilder(journal.ConnectionString).DataSource;
        }
        catch (ArgumentException e)
        {
            return $"--journal {journal}: {e.Message}";
        }
        if (Directory.Exists(path)) return $"--journal {path}: is a directory, not a journal database";
        if (!File.Exists(path)) return $"--journal {path}: no such journal database";
        var header = new byte[SqliteHeader.Length];
        try
        {
            using FileStream file = File.OpenRead(path);
            int read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
                return $"--journal {path}: not a SQLite database (a node's journal is one)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--journal {path}: cannot read it ({e.Message})";
        }
        return null;
    }

    private static string? PostgresProblem(JournalOptions journal)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(journal.ConnectionString);
            builder.Timeout = builder.Timeout is > 0 and var t && t < ConnectTimeout.TotalSeconds ? t : (int)ConnectTimeout.TotalSeconds;
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            return $"--journal {journal}: cannot connect ({e.Message})";
        }
    }
}
