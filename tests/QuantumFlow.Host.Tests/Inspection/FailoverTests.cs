using System.Data.Common;
using System.Diagnostics;
using Npgsql;
using QuantumFlow.Tests.Support;
using Xunit.Abstractions;

namespace QuantumFlow.Host.Tests.Inspection;

/// <summary>
/// Issue 15: a feed died with its node. Three real `quantumflow run` processes on one PostgreSQL journal are all given
/// the same two feeds by configuration (a `quantumflow.feeds` list in a --hocon file): a replay and a simulator of twenty
/// symbols, each its own cluster singleton, both on the oldest node. That node is killed with SIGKILL mid-ingest:
/// - `feed status`, asked of another node, shows both feeds on the killed node before, and on a survivor after;
/// - a `book show` of a book the killed node hosted, sent right after the kill, waits for its shard to move and answers;
/// - every simulated book the killed node hosted journals again with nobody asking for it (the moved feed re-hosts it);
/// - the replay resumes from its journaled position, and the book's journal stays the recording's events in order, each
///   once, with contiguous sequence numbers.
/// The seconds from the kill to each are printed (docs/DEPLOYMENT.md).
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const string Book = "binance-usdm:BTCUSDT";
    private static readonly string[] SimSymbols = Enumerable.Range(0, 20).Select(i => $"F{i:00}").ToArray();

    [Fact]
    public async Task The_node_running_the_feeds_is_killed_and_they_go_on_from_another_node_journaling_nothing_twice()
    {
        await using PostgresDatabase db = await PostgresDatabase.CreateAsync();
        string journal = "postgres:" + db.ConnectionString;
        string feeds = Path.Combine(Path.GetTempPath(), $"qf-failover-feeds-{Guid.NewGuid():N}.conf");
        // The replay journals a position once its book has journaled everything read before it, and reads no further
        // while that takes more than 5 s (ReplayOptions.MaxLag); 5x keeps the book level with the reading on a loaded
        // CI machine, so the books keep ingesting all along.
        File.WriteAllText(feeds, $$"""
            quantumflow.feeds = [
              { feed = replay, speed = 5 }
              { feed = sim, rate = 200, symbols = [{{string.Join(", ", SimSymbols)}}] }
            ]
            """);
        var nodes = new List<NodeProcess>();
        // The nodes' status lines fill a tail: the feeds' and the cluster's own lines are picked out as well.
        string Logs() => string.Join('\n', nodes.Select(n => n.Tail(20) + "\n" + n.Matching(l => l.Contains("replay", StringComparison.Ordinal)
            || l.Contains("[ERROR]", StringComparison.Ordinal) || l.Contains("[WARNING]", StringComparison.Ordinal))));
        try
        {
            using (NodeProcess init = NodeProcess.Start("db-init", ["db", "init", "--journal", journal]))
                Assert.True(await init.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 0, init.Tail());

            int[] ports = FreePorts.Take(3);
            string[] address = ports.Select(p => $"akka.tcp://quantumflow@127.0.0.1:{p}").ToArray();
            string[] Node(int i) => ["run", "--journal", journal, "--port", ports[i].ToString(), "--seed-nodes", address[0], "--inspect-port", "0", "--no-web",
                "--status-every", "60", "--hocon", feeds];
            // The oldest node hosts the feeds: start the others once it is up.
            nodes.Add(NodeProcess.Start("node-0", Node(0)));
            await nodes[0].WaitForLineAsync(l => l.StartsWith("quantumflow node", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            nodes.Add(NodeProcess.Start("node-1", Node(1)));
            nodes.Add(NodeProcess.Start("node-2", Node(2)));
            var inspect = new List<int>();
            foreach (NodeProcess n in nodes)
            {
                string line = await n.WaitForLineAsync(l => l.StartsWith("inspection: quantumflow pbm 127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
                inspect.Add(int.Parse(line.Split(' ')[3].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            }
            // All three up before the kill: with a member still joining, the two survivors would not be a stable cluster of two.
            await Poll.Until(async () => (await PbmAnswer.AskAsync(inspect[1], "cluster show")).Rows("members").Count(m => m["status"].GetString() == "Up") == 3,
                TimeSpan.FromSeconds(120), "three members up", TimeSpan.FromMilliseconds(500), Logs);

            // feed status answers for the whole cluster: node-1 runs no feed, and shows both, on node-0, acknowledging.
            await Poll.Until(async () =>
            {
                var rows = (await PbmAnswer.AskAsync(inspect[1], "feed status")).Rows("feeds");
                return rows.Count == 2 && rows.All(r => r["node"].GetString() == address[0] && r["acked"].GetInt64() > 0);
            }, TimeSpan.FromSeconds(120), "both feeds running on node-0 and acknowledged, as node-1 sees them", TimeSpan.FromMilliseconds(500), Logs);

            await using var connection = new NpgsqlConnection(db.ConnectionString);
            await connection.OpenAsync();
            await Poll.Until(() => Task.FromResult(JournalContents.ReplayPositionsSaved(connection) >= 3), TimeSpan.FromSeconds(120),
                "the replay journaling its position", TimeSpan.FromMilliseconds(200), Logs);
            // The simulated books spread over the three nodes: those on node-0 move with it.
            List<string> movedBooks = [];
            await Poll.Until(async () =>
            {
                var books = (await PbmAnswer.AskAsync(inspect[1], "book list")).Rows("books");
                movedBooks = books.Where(b => b["node"].GetString() == address[0] && b["entity"].GetString()!.StartsWith("sim:", StringComparison.Ordinal))
                    .Select(b => b["entity"].GetString()!).ToList();
                return books.Count(b => b["entity"].GetString()!.StartsWith("sim:", StringComparison.Ordinal)) == SimSymbols.Length;
            }, TimeSpan.FromSeconds(60), "every simulated book live", TimeSpan.FromMilliseconds(500), Logs);
            Assert.True(movedBooks.Count >= 2, $"node-0 hosts {movedBooks.Count} simulated book(s); the test needs two (one asked for, one not)");
            string asked = movedBooks[0];
            List<string> unasked = movedBooks.Skip(1).ToList();
            int beforeKill = JournalContents.Events(connection)[Book].Count;

            nodes[0].Dispose(); // SIGKILL
            var sinceKill = Stopwatch.StartNew();
            Dictionary<string, long> atKill = RowsPerBook(connection);
            // Asked at once, through a survivor: it waits for the shard to move rather than failing on the first timeout.
            Task<(PbmAnswer Answer, TimeSpan At)> show = Task.Run(async () =>
            {
                PbmAnswer answer = await PbmAnswer.AskAsync(inspect[1], $"book show -s {asked} -n 1");
                return (answer, sinceKill.Elapsed);
            });

            // The feeds go on only once the cluster has downed the dead node and started their singletons elsewhere.
            TimeSpan? simAcked = null;
            await Poll.Until(async () =>
            {
                var rows = (await PbmAnswer.AskAsync(inspect[1], "feed status")).Rows("feeds");
                if (simAcked is null && rows.Any(r => r["feed"].GetString()!.StartsWith("feed-sim", StringComparison.Ordinal) && r["node"].GetString() is { } at
                        && at != address[0] && r["acked"].GetInt64() > 0))
                    simAcked = sinceKill.Elapsed;
                return simAcked is not null && rows.Count == 2 && rows.All(r => r["node"].GetString() is { } n && n != address[0]);
            }, TimeSpan.FromSeconds(120), "both feeds running on a survivor, the simulator's events acknowledged", TimeSpan.FromMilliseconds(200), Logs);
            await Poll.Until(() => Task.FromResult(nodes.Skip(1).Any(n => n.Output.Contains("resuming pass", StringComparison.Ordinal))), TimeSpan.FromSeconds(120),
                "the replay resuming on a surviving node", TimeSpan.FromMilliseconds(200), Logs);
            TimeSpan resumedAfter = sinceKill.Elapsed;

            // Nobody asks for these books: the moved simulator re-hosts them by delivering to them.
            await Poll.Until(() => Task.FromResult(RowsPerBook(connection) is var now && unasked.All(b => now[b] > atKill[b])), TimeSpan.FromSeconds(120),
                "every unasked simulated book of node-0 journaling again", TimeSpan.FromMilliseconds(200), Logs);
            TimeSpan unaskedAfter = sinceKill.Elapsed;

            (PbmAnswer shown, TimeSpan shownAt) = await show;
            Assert.True(shown.Exit == 0, $"book show of {asked} after the kill: {shown}");
            Assert.Equal(asked, shown.Rows("book").Single()["entity"].GetString());

            int atResume = JournalContents.Events(connection)[Book].Count;
            await Poll.Until(() => Task.FromResult(JournalContents.Events(connection)[Book].Count > atResume + 200), TimeSpan.FromSeconds(120),
                "the replayed book journaling again after the feed resumed", TimeSpan.FromMilliseconds(200), Logs);
            output.WriteLine($"kill -9 of the feeds' node: the simulator's events acknowledged (journaled) on a survivor after {simAcked!.Value.TotalSeconds:F1} s, " +
                             $"book show of {asked} (hosted by the killed node) answered after {shownAt.TotalSeconds:F1} s, " +
                             $"{unasked.Count} unasked books of the killed node journaling again after {unaskedAfter.TotalSeconds:F1} s, " +
                             $"the replay resumed after {resumedAfter.TotalSeconds:F1} s ({beforeKill} events of {Book} before the kill, {atResume} after the resume), " +
                             $"its book journaling new events after {sinceKill.Elapsed.TotalSeconds:F1} s");

            foreach (NodeProcess n in nodes.Skip(1)) n.Dispose();
            Assert.Empty(JournalContents.NotContiguous(connection));
            JournalContents.AssertPrefixOf(ReplayedEvents.PerBook(QuantumFlow.Host.Cli.SampleRecording.Files)[Book], JournalContents.Events(connection)[Book]);
        }
        finally
        {
            foreach (NodeProcess n in nodes) n.Dispose();
            File.Delete(feeds);
        }
    }

    /// <summary>Journal rows (batches) per simulated book.</summary>
    private static Dictionary<string, long> RowsPerBook(DbConnection connection)
    {
        using DbCommand rows = connection.CreateCommand();
        rows.CommandText = "SELECT persistence_id, COUNT(*) FROM journal WHERE persistence_id LIKE 'book|sim:%' GROUP BY persistence_id";
        using DbDataReader r = rows.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (r.Read()) counts[r.GetString(0)["book|".Length..]] = Convert.ToInt64(r[1]);
        return counts;
    }
}
