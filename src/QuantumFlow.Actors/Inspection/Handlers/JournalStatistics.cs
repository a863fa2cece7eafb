using System.Data.Common;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using Npgsql;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Persistence;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// Reads per-book counts straight from the journal database (the default table mapping of Akka.Persistence.Sql, the
/// same on SQLite and PostgreSQL). A row holds one feed batch, so the events are counted by reading each row with the
/// journal's own serializer: whatever format version a row was written in, it is counted as the book would replay it.
/// </summary>
public sealed class JournalStatistics(ActorSystem system, JournalOptions journal)
{
    /// <exception cref="NotSupportedException">the in-memory journal, which has no database to read.</exception>
    public async Task<IReadOnlyList<BookJournalStats>> ReadAsync(CancellationToken cancel)
    {
        if (journal.Provider == JournalProvider.Memory) throw new NotSupportedException("the in-memory journal keeps nothing to count");
        await using DbConnection connection = journal.Provider == JournalProvider.Postgres
            ? new NpgsqlConnection(journal.ConnectionString)
            : new SqliteConnection(journal.ConnectionString);
        await connection.OpenAsync(cancel);

        var stats = new Dictionary<string, (long Rows, long Events, long Tags, long Snapshots, long Highest)>(StringComparer.Ordinal);
        await using (DbCommand rows = Command(connection, "SELECT persistence_id, sequence_number, identifier, manifest, message FROM journal WHERE NOT deleted"))
        await using (DbDataReader r = await rows.ExecuteReaderAsync(cancel))
        {
            while (await r.ReadAsync(cancel))
            {
                string id = r.GetString(0);
                var s = stats.GetValueOrDefault(id);
                s.Rows++;
                s.Highest = Math.Max(s.Highest, r.GetInt64(1));
                s.Events += r.IsDBNull(2) ? 1 : EventsIn(r.GetFieldValue<byte[]>(4), (int)r.GetInt64(2), r.IsDBNull(3) ? "" : r.GetString(3));
                stats[id] = s;
            }
        }
        await using (DbCommand tags = Command(connection, "SELECT persistence_id, COUNT(*) FROM tags GROUP BY persistence_id"))
        await using (DbDataReader r = await tags.ExecuteReaderAsync(cancel))
        {
            while (await r.ReadAsync(cancel))
            {
                var s = stats.GetValueOrDefault(r.GetString(0));
                s.Tags = r.GetInt64(1);
                stats[r.GetString(0)] = s;
            }
        }
        await using (DbCommand snapshots = Command(connection, "SELECT persistence_id, COUNT(*), MAX(sequence_number) FROM snapshot GROUP BY persistence_id"))
        await using (DbDataReader r = await snapshots.ExecuteReaderAsync(cancel))
        {
            while (await r.ReadAsync(cancel))
            {
                var s = stats.GetValueOrDefault(r.GetString(0));
                s.Snapshots = r.GetInt64(1);
                s.Highest = Math.Max(s.Highest, r.GetInt64(2));
                stats[r.GetString(0)] = s;
            }
        }
        return stats.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new BookJournalStats(kv.Key, kv.Value.Rows, kv.Value.Events, kv.Value.Tags, kv.Value.Snapshots, kv.Value.Highest))
            .ToList();
    }

    private int EventsIn(byte[] message, int serializerId, string manifest) =>
        system.Serialization.Deserialize(message, serializerId, manifest) is JournalEntry entry ? entry.Events.Count : 1;

    private static DbCommand Command(DbConnection connection, string sql)
    {
        DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
