using Npgsql;

namespace QuantumFlow.Tests.Support;

/// <summary>
/// A fresh database on this test process's PostgreSQL server (<see cref="TestPostgres"/>), dropped after use.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;

    private PostgresDatabase(string server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        string server = TestPostgres.ConnectionString;
        string name = "qf_" + Guid.NewGuid().ToString("N")[..12];
        await using (var c = new NpgsqlConnection(server))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgresDatabase(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(_server);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }
}
