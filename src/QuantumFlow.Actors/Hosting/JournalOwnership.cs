using System.Diagnostics;
using QuantumFlow.Actors.Persistence;

namespace QuantumFlow.Actors.Hosting;

/// <summary>
/// One writer per embedded journal: a node that forms its own cluster (`run`, `import`, no seed nodes) on a SQLite
/// file holds an exclusive lock on FILE.lock for as long as it runs, and says who it is in FILE.owner. A second such
/// node on the same file would be a second cluster writing the same books (their sequence numbers collide, and the
/// running node wedges on "UNIQUE constraint failed"), so it is refused before it writes anything. The lock is the
/// operating system's, so a node killed with -9 leaves nothing that blocks the next start. Nodes joining a cluster
/// (seed nodes given) share the file through that cluster's sharding, which keeps one writer per book.
/// </summary>
public sealed class JournalOwnership : IDisposable
{
    private readonly FileStream _lock;

    private JournalOwnership(FileStream held) => _lock = held;

    /// <returns>null where no claim is needed (PostgreSQL, memory, or a node joining a cluster).</returns>
    /// <exception cref="JournalInUseException">another process's node holds the journal.</exception>
    public static JournalOwnership? Claim(NodeOptions options)
    {
        if (options.Journal.Provider != JournalProvider.Sqlite || !options.IsSingleNode) return null;
        string db = Path.GetFullPath(JournalSchema.SqliteFile(options.Journal.ConnectionString));
        string? folder = Path.GetDirectoryName(db);
        if (folder is not null) Directory.CreateDirectory(folder);
        FileStream held;
        try
        {
            held = new FileStream(db + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string owner = File.Exists(db + ".owner") ? File.ReadAllText(db + ".owner").Trim() : "another process";
            throw new JournalInUseException($"journal {db} is in use by a running QuantumFlow node ({owner}): stop it first, or give this one another --journal");
        }
        File.WriteAllText(db + ".owner", $"pid {Environment.ProcessId}, {Process.GetCurrentProcess().ProcessName}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        return new JournalOwnership(held);
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>The journal is held by another node (see <see cref="JournalOwnership"/>).</summary>
public sealed class JournalInUseException(string message) : IOException(message);
