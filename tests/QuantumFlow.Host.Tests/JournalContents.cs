using System.Data.Common;
using Akka.Actor;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Tests;

/// <summary>
/// What a journal (SQLite or PostgreSQL, read with plain SQL while or after nodes write it) holds for each book, and
/// the checks "nothing lost, nothing twice" are made of.
/// </summary>
public static class JournalContents
{
    /// <summary>Each book's journaled events, serialized, in journal order; batches may be cut differently after a resume, the events may not.</summary>
    public static Dictionary<string, List<byte[]>> Events(DbConnection connection)
    {
        using ActorSystem system = ActorSystem.Create("read-journal");
        var serializer = new QuantumFlowSerializer((ExtendedActorSystem)system);
        var books = new Dictionary<string, List<byte[]>>();
        using DbCommand rows = connection.CreateCommand();
        rows.CommandText = "SELECT persistence_id, manifest, message FROM journal WHERE persistence_id LIKE 'book|%' ORDER BY persistence_id, sequence_number";
        using DbDataReader r = rows.ExecuteReader();
        while (r.Read())
        {
            string id = r.GetString(0)["book|".Length..];
            if (!books.TryGetValue(id, out List<byte[]>? list)) books.Add(id, list = new List<byte[]>());
            foreach (MarketEvent e in ((JournalEntry)serializer.FromBinary((byte[])r[2], r.GetString(1))).Events) list.Add(serializer.ToBinary(e));
        }
        return books;
    }

    /// <summary>How many times replays journaled their position (each pass's start counts once).</summary>
    public static long ReplayPositionsSaved(DbConnection connection)
    {
        using DbCommand max = connection.CreateCommand();
        max.CommandText = "SELECT COALESCE(MAX(sequence_number), 0) FROM journal WHERE persistence_id LIKE 'replay|%'";
        return Convert.ToInt64(max.ExecuteScalar());
    }

    /// <summary>Persistence ids whose sequence numbers are not 1..N without a hole (deleted rows of replay cursors excepted).</summary>
    public static List<string> NotContiguous(DbConnection connection)
    {
        using DbCommand rows = connection.CreateCommand();
        rows.CommandText = "SELECT persistence_id, COUNT(*), MIN(sequence_number), MAX(sequence_number) FROM journal WHERE persistence_id LIKE 'book|%' GROUP BY persistence_id";
        using DbDataReader r = rows.ExecuteReader();
        var bad = new List<string>();
        while (r.Read())
        {
            long count = Convert.ToInt64(r[1]), min = Convert.ToInt64(r[2]), max = Convert.ToInt64(r[3]);
            if (min != 1 || max != count) bad.Add($"{r.GetString(0)}: {count} rows, sequence numbers {min}..{max}");
        }
        return bad;
    }

    /// <summary>Asserts that <paramref name="journaled"/> is the start of <paramref name="recorded"/>, event for event.</summary>
    public static void AssertPrefixOf(IReadOnlyList<MarketEvent> recorded, IReadOnlyList<byte[]> journaled)
    {
        Assert.InRange(journaled.Count, 1, recorded.Count);
        using ActorSystem system = ActorSystem.Create("compare-journal");
        var serializer = new QuantumFlowSerializer((ExtendedActorSystem)system);
        for (int i = 0; i < journaled.Count; i++)
            Assert.True(journaled[i].AsSpan().SequenceEqual(serializer.ToBinary(recorded[i])), $"journaled event {i} is not the recording's event {i}");
    }
}
