using System.Diagnostics;
using Npgsql;
using QuantumFlow.Tests.Support;
using Xunit.Abstractions;

namespace QuantumFlow.Host.Tests.Inspection;

/// <summary>
/// Issue 15: a feed died with its node. Three real `quantumflow run` processes on one PostgreSQL journal are all given
/// the same replay; it runs once, on the oldest node. That node is killed with SIGKILL mid-ingest: the replay starts on
/// a survivor, resumes from its journaled position, and the book's journal stays the recording's events in order, each
/// once, with contiguous sequence numbers. The seconds from the kill to journaling again are printed (docs/DEPLOYMENT.md).
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const string Book = "binance-usdm:BTCUSDT";

    [Fact]
    public async Task The_node_running_the_feed_is_killed_and_the_feed_goes_on_from_another_node_journaling_nothing_twice()
    {
        await using PostgresDatabase db = await PostgresDatabase.CreateAsync();
        string journal = "postgres:" + db.ConnectionString;
        var nodes = new List<NodeProcess>();
        string Logs() => string.Join('\n', nodes.Select(n => n.Tail(20)));
        try
        {
            using (NodeProcess init = NodeProcess.Start("db-init", ["db", "init", "--journal", journal]))
                Assert.True(await init.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 0, init.Tail());

            int[] ports = FreePorts.Take(3);
            string seed = $"akka.tcp://quantumflow@127.0.0.1:{ports[0]}";
            string[] Node(int i) => ["run", "--journal", journal, "--port", ports[i].ToString(), "--seed-nodes", seed, "--inspect-port", "0", "--no-web",
                "--status-every", "60", "--feed", "replay", "--speed", "20"];
            // The oldest node hosts the feed: start the others once it is up.
            nodes.Add(NodeProcess.Start("node-0", Node(0)));
            await nodes[0].WaitForLineAsync(l => l.StartsWith("quantumflow node", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            nodes.Add(NodeProcess.Start("node-1", Node(1)));
            nodes.Add(NodeProcess.Start("node-2", Node(2)));
            foreach (NodeProcess n in nodes.Skip(1)) await n.WaitForLineAsync(l => l.StartsWith("quantumflow node", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            // All three up before the kill: with a member still joining, the two survivors of three would be one of two,
            // and keep-majority would down them on the tie (the killed node has the lowest address).
            string inspection = await nodes[1].WaitForLineAsync(l => l.StartsWith("inspection: quantumflow pbm 127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            int inspectPort = int.Parse(inspection.Split(' ')[3].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
            await Poll.Until(async () => (await PbmAnswer.AskAsync(inspectPort, "cluster show")).Rows("members").Count(m => m["status"].GetString() == "Up") == 3,
                TimeSpan.FromSeconds(120), "three members up", TimeSpan.FromMilliseconds(500), Logs);

            await using var connection = new NpgsqlConnection(db.ConnectionString);
            await connection.OpenAsync();
            await Poll.Until(() => Task.FromResult(JournalContents.ReplayPositionsSaved(connection) >= 3), TimeSpan.FromSeconds(120),
                "the replay journaling its position", TimeSpan.FromMilliseconds(200), Logs);
            int beforeKill = JournalContents.Events(connection)[Book].Count;

            nodes[0].Dispose(); // SIGKILL
            var sinceKill = Stopwatch.StartNew();
            // Batches already delivered to the books still land for a moment; the feed itself goes on only once the
            // cluster has downed the dead node and started the feed's singleton elsewhere.
            await Poll.Until(() => Task.FromResult(nodes.Skip(1).Any(n => n.Output.Contains("resuming pass", StringComparison.Ordinal))), TimeSpan.FromSeconds(120),
                "the replay resuming on a surviving node", TimeSpan.FromMilliseconds(200), Logs);
            TimeSpan resumedAfter = sinceKill.Elapsed;
            int atResume = JournalContents.Events(connection)[Book].Count;
            await Poll.Until(() => Task.FromResult(JournalContents.Events(connection)[Book].Count > atResume + 200), TimeSpan.FromSeconds(120),
                "the book journaling again after the feed resumed", TimeSpan.FromMilliseconds(200), Logs);
            output.WriteLine($"kill -9 of the feed's node: feed resumed after {resumedAfter.TotalSeconds:F1} s, its book journaling new events after {sinceKill.Elapsed.TotalSeconds:F1} s " +
                             $"({beforeKill} events before the kill, {atResume} when it resumed)");

            foreach (NodeProcess n in nodes.Skip(1)) n.Dispose();
            Assert.Empty(JournalContents.NotContiguous(connection));
            JournalContents.AssertPrefixOf(ReplayedEvents.PerBook(QuantumFlow.Host.Cli.SampleRecording.Files)[Book], JournalContents.Events(connection)[Book]);
        }
        finally
        {
            foreach (NodeProcess n in nodes) n.Dispose();
        }
    }
}
