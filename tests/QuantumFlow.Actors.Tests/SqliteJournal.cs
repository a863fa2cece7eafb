using Akka.Configuration;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Persistence;

namespace QuantumFlow.Actors.Tests;

/// <summary>A real SQLite journal in a temporary file, with its schema, for test-kit actor systems (local provider).</summary>
public static class SqliteJournal
{
    public static Config CreateConfig(string prefix, out string file)
    {
        file = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");
        var node = new NodeOptions { Journal = JournalOptions.Parse("sqlite:" + file) };
        JournalSchema.InitializeAsync(node).GetAwaiter().GetResult();
        return ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(NodeConfig.Build(node));
    }

    public static void Delete(string file)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
    }
}
