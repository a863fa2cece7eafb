using System.Diagnostics;
using Microsoft.Data.Sqlite;
using QuantumFlow.Host.Cli;
using QuantumFlow.Host.Tests.Inspection;
using QuantumFlow.Models.Market;
using QuantumFlow.Tests.Support;
using Xunit.Abstractions;

namespace QuantumFlow.Host.Tests.Cli;

/// <summary>
/// Issue 16, with real processes killed with SIGKILL. Before: a restarted `run` replayed its recording from the
/// beginning, journaling every event a second time, and predicted nothing for minutes; after kill -9 mid-import,
/// importing again journaled the whole recording again, importing into a complete journal doubled it, and an import
/// beside a running node wedged the node on "UNIQUE constraint failed". Now both resume where their books stopped, a
/// complete journal takes nothing more, and a second writer is refused.
/// (The import of the shipped sample may finish before a position is journaled on a fast machine; the restarted node
/// always resumes from a journaled position.)
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class ResumeTests(ITestOutputHelper output) : IDisposable
{
    private const string Book = "binance-usdm:BTCUSDT";
    private static readonly string[] Sample = [.. SampleRecording.Files];
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-resume-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_node_killed_midway_through_its_replay_resumes_journals_nothing_twice_and_predicts_again_after_the_restart()
    {
        string db = Path.Combine(_dir, "run.db");
        // One pass: a loaded machine can take long enough after the restart for a looping replay to start its next
        // pass, and the check below is about the pass the kill interrupted.
        string[] run = ["run", "--journal", "sqlite:" + db, "--no-web", "--speed", "50", "--no-loop", "--status-every", "1", "--inspect-port", "0"];
        using (NodeProcess first = NodeProcess.Start("run-1", run))
        {
            await UntilAsync(() => ReplayPositionsSaved(db) >= 3, first);
        }
        int beforeRestart = Journaled(db)[Book].Count;

        using (NodeProcess second = NodeProcess.Start("run-2", run))
        {
            await second.WaitForLineAsync(l => l.StartsWith("quantumflow node", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            var sinceStart = Stopwatch.StartNew();
            await second.WaitForLineAsync(l => l.StartsWith($"recovered {Book}: {beforeRestart} journaled events", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            string resumed = await second.WaitForLineAsync(l => l.Contains(" prediction ", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            // How soon is a figure for docs/BENCHMARKS.md (measured on a quiet machine), not a timed assertion here.
            output.WriteLine($"first prediction {sinceStart.Elapsed.TotalSeconds:F1} s after the restarted node started: {resumed.Trim()}");
            await UntilAsync(() => Journaled(db)[Book].Count > beforeRestart + 1000, second);

            // The journal has one writer: an import beside the running node is refused, and writes nothing.
            var (refusedCode, _, refused) = await InvokeAsync("import", Sample[0], "--journal", "sqlite:" + db);
            Assert.Equal(2, refusedCode);
            Assert.Contains("in use by a running QuantumFlow node (pid ", refused);
        }

        // Whatever was journaled before and after the kill is the recording's events in order, each once.
        List<byte[]> journaled = Journaled(db)[Book];
        List<MarketEvent> recorded = ReplayedEvents.PerBook(Sample)[Book];
        output.WriteLine($"{beforeRestart} events journaled before the kill, {journaled.Count} in all, of {recorded.Count} in one pass");
        Assert.True(journaled.Count > beforeRestart + 1000);
        JournalContents.AssertPrefixOf(recorded, journaled);
    }

    [Fact]
    public async Task An_import_killed_midway_and_run_again_journals_what_a_clean_import_does_and_a_third_run_adds_nothing()
    {
        string killedDb = Path.Combine(_dir, "killed.db"), killed = "sqlite:" + killedDb;
        bool hadPosition;
        using (NodeProcess first = NodeProcess.Start("import", ["import", .. Sample, "--journal", killed]))
        {
            // Killed once a position past the start is journaled, or (on a fast machine) not at all.
            await UntilAsync(() => ReplayPositionsSaved(killedDb) >= 2 || first.HasExited, first, allowExit: true);
            hadPosition = !first.HasExited;
        }

        var (code, resumed, error) = await InvokeAsync(["import", .. Sample, "--journal", killed]);
        Assert.True(code == 0, error);
        output.WriteLine(resumed);
        // Killed after a saved position, it resumes; unless the kill landed after its last write (a fast machine), and
        // then there is nothing left to import. Either way the journal below must be the clean import's.
        if (hadPosition) Assert.True(resumed.Contains("resumed after") || resumed.Contains("nothing imported"), resumed);

        string clean = "sqlite:" + Path.Combine(_dir, "clean.db");
        Assert.Equal(0, (await InvokeAsync(["import", .. Sample, "--journal", clean])).Code);
        Dictionary<string, List<byte[]>> expected = Journaled(Path.Combine(_dir, "clean.db"));
        AssertSame(expected, Journaled(killedDb));

        var (again, againOutput, _) = await InvokeAsync(["import", .. Sample, "--journal", killed]);
        Assert.Equal(0, again);
        Assert.Contains("nothing imported", againOutput);
        AssertSame(expected, Journaled(killedDb));
    }

    private static void AssertSame(Dictionary<string, List<byte[]>> expected, Dictionary<string, List<byte[]>> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach ((string book, List<byte[]> events) in expected)
        {
            Assert.Equal(events.Count, actual[book].Count);
            for (int i = 0; i < events.Count; i++) Assert.True(events[i].AsSpan().SequenceEqual(actual[book][i]), $"{book}: event {i} differs");
        }
    }

    private static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        return await CliRun.InvokeAsync(args, bound.Token);
    }

    // Polls an observable condition of the journal, bounded, failing with the process's output if it dies first.
    private static async Task UntilAsync(Func<bool> condition, NodeProcess process, bool allowExit = false)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            if (process.HasExited && !allowExit) throw new InvalidOperationException($"{process.Name} exited ({process.ExitCode}):\n{process.Tail()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met in 120 s:\n{process.Tail()}");
            await Task.Delay(50);
        }
    }

    private static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    // How many times the replay journaled its position (the first is its pass's start).
    private static long ReplayPositionsSaved(string db)
    {
        if (!File.Exists(db)) return 0;
        try
        {
            using SqliteConnection connection = Open(db);
            return JournalContents.ReplayPositionsSaved(connection);
        }
        catch (SqliteException)
        {
            return 0; // the schema is not created yet
        }
    }

    private static Dictionary<string, List<byte[]>> Journaled(string db)
    {
        using SqliteConnection connection = Open(db);
        return JournalContents.Events(connection);
    }
}
