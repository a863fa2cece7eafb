using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Npgsql;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Persistence;

/// <summary>
/// Creates the journal, tag and snapshot tables as one explicit step (`quantumflow db init`), before any node starts:
/// nodes never create tables lazily, because several PostgreSQL nodes doing so at once race. On PostgreSQL the step
/// holds an advisory lock, so concurrent runs of it are safe too. Running it again changes nothing.
/// </summary>
public static class JournalSchema
{
    private const long AdvisoryLockKey = 0x5146_4A4F_5552_4E4C; // "QFJOURNL"

    public static async Task InitializeAsync(NodeOptions options, CancellationToken cancel = default)
    {
        if (options.Journal.Provider == JournalProvider.Memory) return;
        if (options.Journal.Provider == JournalProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(options.Journal.ConnectionString);
            await connection.OpenAsync(cancel);
            await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
                await lockCmd.ExecuteNonQueryAsync(cancel);
            try
            {
                await CreateTablesAsync(options, cancel);
            }
            finally
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        else
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(SqliteFile(options.Journal.ConnectionString)));
            if (dir is not null) Directory.CreateDirectory(dir);
            // Write-ahead logging: one fsync per checkpoint instead of two per transaction; it stays set in the file.
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(options.Journal.ConnectionString))
            {
                await connection.OpenAsync(cancel);
                await using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode=WAL";
                await wal.ExecuteNonQueryAsync(cancel);
            }
            await CreateTablesAsync(options, cancel);
        }
    }

    internal static string SqliteFile(string connectionString)
    {
        foreach (string part in connectionString.Split(';'))
        {
            string[] kv = part.Split('=', 2);
            if (kv.Length == 2 && kv[0].Trim().Equals("Data Source", StringComparison.OrdinalIgnoreCase)) return kv[1].Trim();
        }
        return "quantumflow.db";
    }

    private static async Task CreateTablesAsync(NodeOptions options, CancellationToken cancel)
    {
        // A local actor system whose journal and snapshot store may create their tables, and one write to each.
        Config config = ConfigurationFactory.ParseString("""
            akka.actor.provider = local
            akka.persistence.journal.sql.auto-initialize = on
            akka.persistence.snapshot-store.sql.auto-initialize = on
            akka.loglevel = WARNING
            """).WithFallback(NodeConfig.Build(options with { SeedNodes = [] }));
        using ActorSystem system = ActorSystem.Create("quantumflow-schema", config);
        try
        {
            IActorRef writer = system.ActorOf(Props.Create(() => new SchemaWriter()));
            object result = await writer.Ask<object>(SchemaWriter.Go.Instance, TimeSpan.FromSeconds(60), cancel);
            if (result is Status.Failure f) throw new InvalidOperationException($"could not create the journal schema on {options.Journal}: {f.Cause.Message}", f.Cause);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Writes one tagged event and one snapshot (creating every table), then deletes both.</summary>
    private sealed class SchemaWriter : ReceivePersistentActor
    {
        private IActorRef _replyTo = ActorRefs.Nobody;

        public SchemaWriter()
        {
            Recover<object>(_ => { });
            Command<Go>(_ =>
            {
                _replyTo = Sender;
                var marker = new JournalEntry(0, 0, 0, [new FeedGap(Venue.Unknown, "schema", 0, 0, "schema created")]);
                Persist(new Tagged(marker, ["schema"]), _ => SaveSnapshot(marker));
            });
            Command<SaveSnapshotSuccess>(s =>
            {
                DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr));
                DeleteMessages(LastSequenceNr);
            });
            Command<DeleteMessagesSuccess>(_ => _replyTo.Tell(Done.Instance));
            Command<SaveSnapshotFailure>(f => _replyTo.Tell(new Status.Failure(f.Cause)));
            Command<DeleteMessagesFailure>(f => _replyTo.Tell(new Status.Failure(f.Cause)));
            Command<DeleteSnapshotsSuccess>(_ => { });
            Command<DeleteSnapshotsFailure>(_ => { });
        }

        public override string PersistenceId => "qf|schema";

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _replyTo.Tell(new Status.Failure(cause));
            base.OnPersistFailure(cause, @event, sequenceNr);
        }

        public sealed class Go
        {
            public static readonly Go Instance = new();
        }
    }
}
