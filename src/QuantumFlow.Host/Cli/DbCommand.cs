using System.CommandLine;
using QuantumFlow.Actors.Persistence;

namespace QuantumFlow.Host.Cli;

/// <summary><c>quantumflow db init</c>: creates the journal schema, the one explicit step before nodes start.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var flags = new NodeFlags();
        var init = new Command("init", "Create the journal, tag and snapshot tables (safe to run again, and concurrently on PostgreSQL).");
        flags.AddTo(init);
        init.SetAction(async (parse, cancel) =>
        {
            try
            {
                var options = flags.Read(parse);
                await JournalSchema.InitializeAsync(options, cancel);
                Console.WriteLine($"journal schema ready on {options.Journal}");
                return 0;
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
            {
                return CliErrors.Report(Console.Error, e);
            }
        });
        var db = new Command("db", "Journal database tools.");
        db.Subcommands.Add(init);
        return db;
    }
}
