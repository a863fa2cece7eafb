using System.Text.Json;
using QuantumFlow.Host.Inspection;
using QuantumFlow.Inspection.Protocol;
using QuantumFlow.Tests.Support;
using Spectre.Console;

namespace QuantumFlow.Host.Tests.Inspection;

/// <summary>
/// Three real `quantumflow run` processes on loopback sharing a fresh PostgreSQL journal (on the server of
/// <see cref="TestPostgres"/>): a seed replaying the shipped recording and two workers simulating their own symbols.
/// `quantumflow pbm` inspects them, one is made to leave, and its books come back on the others from the journal.
/// Every wait polls a condition against a deadline; every child process is killed on the way out.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class LocalClusterTests
{
    private const string Token = "cluster-test-token";
    private static readonly string[] AltSymbols = ["ALT-A", "ALT-B", "ALT-C", "ALT-D"];
    private static readonly string[] SimSymbols = ["SIM-A", "SIM-B", "SIM-C", "SIM-D", "SIM-E", "SIM-F", "SIM-G", "SIM-H", "SIM-I", "SIM-J", "SIM-K", "SIM-L"];

    private readonly List<NodeProcess> _processes = new();

    private static Task<PbmAnswer> Pbm(int port, string line, string? token = null) => PbmAnswer.AskAsync(port, line, token);

    private NodeProcess Start(string name, IEnumerable<string> args, Dictionary<string, string>? env = null)
    {
        NodeProcess p = NodeProcess.Start(name, args, env);
        _processes.Add(p);
        return p;
    }

    private string Logs() => string.Join('\n', _processes.Select(p => p.Tail(15)));

    // Every check runs a pbm process: twice a second is enough.
    private Task Until(Func<Task<bool>> condition, TimeSpan limit, string what) =>
        Poll.Until(condition, limit, what, TimeSpan.FromMilliseconds(500), Logs);

    [Fact]
    public async Task Pbm_inspects_three_processes_and_a_node_that_leaves_hands_its_books_over()
    {
        await using PostgresDatabase db = await PostgresDatabase.CreateAsync();
        try
        {
            string journal = "postgres:" + db.ConnectionString;
            NodeProcess init = Start("db-init", ["db", "init", "--journal", journal]);
            Assert.True(await init.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 0, init.Tail());

            int[] ports = FreePorts.Take(6);
            int[] cluster = ports[..3], inspect = ports[3..];
            string[] address = cluster.Select(p => $"akka.tcp://quantumflow@127.0.0.1:{p}").ToArray();
            var env = new Dictionary<string, string> { ["QF_INSPECT_TOKEN"] = Token };
            string[] Node(int i) => ["run", "--journal", journal, "--port", cluster[i].ToString(), "--seed-nodes", address[0], "--inspect-port", inspect[i].ToString(), "--status-every", "60"];
            NodeProcess[] nodes =
            [
                Start("seed", [.. Node(0), "--feed", "replay", "--speed", "1"], env),
                Start("worker-1", [.. Node(1), "--feed", "sim", "--rate", "100", "--seed", "2", "--symbols", .. AltSymbols], env),
                Start("worker-2", [.. Node(2), "--feed", "sim", "--rate", "150", "--symbols", .. SimSymbols], env),
            ];
            foreach (NodeProcess n in nodes) await n.WaitForLineAsync(l => l.StartsWith("inspection: quantumflow pbm 127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(120));

            // cluster show: three members up, as every node sees it.
            foreach (int port in inspect)
            {
                await Until(async () => (await Pbm(port, "cluster show")).Rows("members").Count(m => m["status"].GetString() == "Up") == 3,
                    TimeSpan.FromSeconds(90), $"three members up, as 127.0.0.1:{port} sees them");
            }
            PbmAnswer members = await Pbm(inspect[2], "cluster show");
            Assert.Equal(address.Order(), members.Rows("members").Select(m => m["address"].GetString()!).Order());
            Assert.Single(members.Rows("members"), m => m["self"].GetBoolean() && m["address"].GetString() == address[2]);

            // The same through the real executable: a table by default, exit code 0.
            NodeProcess cli = Start("pbm cluster show", ["pbm", $"127.0.0.1:{inspect[1]}", "cluster", "show"]);
            Assert.Equal(0, await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.All(address, a => Assert.Contains(a, cli.Output));

            // region-stats: the sixteen simulated books and the replayed one spread over all three nodes.
            await Until(async () =>
            {
                var regions = (await Pbm(inspect[1], "cluster-sharding region-stats -r book")).Rows("region book");
                return regions.Count == 3 && regions.All(r => r["entities"].GetInt64() > 0);
            }, TimeSpan.FromSeconds(120), "book entities on all three nodes");

            // Commands that change the cluster need the token: without it nothing happens, here and through the executable.
            PbmAnswer refused = await Pbm(inspect[0], $"cluster leave -a {address[2]}");
            Assert.Equal(ExitCodes.Unauthorized, refused.Exit);
            NodeProcess cliRefused = Start("pbm cluster leave", ["pbm", $"127.0.0.1:{inspect[0]}", "cluster", "leave", "-a", address[2]]);
            Assert.Equal(ExitCodes.Unauthorized, await cliRefused.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("needs the node's token", cliRefused.Output);
            Assert.Equal(ExitCodes.Unauthorized, (await Pbm(inspect[0], $"cluster leave -a {address[2]}", "wrong")).Exit);
            Assert.Equal(3, (await Pbm(inspect[0], "cluster show")).Rows("members").Count);

            // The books on the node about to leave, and how much each had journaled.
            var leavingBooks = (await Pbm(inspect[0], "book list")).Rows("books")
                .Where(b => b["node"].GetString() == address[2]).Select(b => b["entity"].GetString()!).ToList();
            Assert.NotEmpty(leavingBooks);
            var before = new Dictionary<string, long>();
            foreach (string id in leavingBooks)
            {
                before[id] = (await Pbm(inspect[0], $"book show -s {id} -n 5")).Rows("book").Single()["events-journaled"].GetInt64();
            }

            PbmAnswer leave = await Pbm(inspect[0], $"cluster leave -a {address[2]}", Token);
            Assert.True(leave.Exit == 0, leave.ToString());
            await Until(async () =>
            {
                var now = (await Pbm(inspect[0], "cluster show")).Rows("members").Select(m => m["address"].GetString()).ToList();
                return now.Count == 2 && !now.Contains(address[2]);
            }, TimeSpan.FromSeconds(90), "the leaving node removed from the cluster");
            Assert.True(await nodes[2].WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, nodes[2].Tail());
            Assert.Contains("the node left the cluster", nodes[2].Output);

            // Its books live on the other nodes now, recovered from the journal with everything they had journaled. Those
            // whose feed still runs elsewhere are valid; the SIM-* feed was given to the leaving node only, so it left
            // with it and its books turn stale rather than pass for live.
            foreach (string id in leavingBooks)
            {
                bool feedLeft = SimSymbols.Any(s => id.EndsWith(":" + s, StringComparison.Ordinal));
                await Until(async () =>
                {
                    var shown = (await Pbm(inspect[1], $"book show -s {id} -n 5")).Rows("book").Single();
                    Assert.True(shown["events-journaled"].GetInt64() >= before[id], $"{id}: {shown["events-journaled"]} < {before[id]}");
                    return feedLeft ? shown["state"].GetString() == "Stale" && !shown["valid"].GetBoolean() : shown["valid"].GetBoolean();
                }, TimeSpan.FromSeconds(60), $"{id} {(feedLeft ? "stale" : "valid")} on another node");
            }
            var hosts = (await Pbm(inspect[0], "book list")).Rows("books").Select(b => b["node"].GetString()).Distinct().ToList();
            Assert.DoesNotContain(address[2], hosts);
            Assert.Equal(2, (await Pbm(inspect[0], "cluster-sharding region-stats -r book")).Rows("region book").Count);

            // The simulated books of the node that left get no more events: both remaining nodes serve each the same
            // book, and it holds exactly the events the journal holds for it.
            var stats = (await Pbm(inspect[0], "journal stats")).Rows("journal").ToDictionary(r => r["book"].GetString()!, r => r["events"].GetInt64());
            foreach (string symbol in SimSymbols)
            {
                // A book of the node that left is started again on first ask, on whichever node its shard moved to;
                // while the shard is still being handed over an ask can time out (exit 2), so ask until it answers.
                // Asked by entity id: with no feed left to send to it, a book whose shard the coordinator rebalanced
                // meanwhile is live nowhere, and a bare symbol resolves only among live books.
                PbmAnswer first = null!;
                await Until(async () => (first = await Pbm(inspect[0], $"book show -s sim:{symbol} -n 20")).Exit == 0, TimeSpan.FromSeconds(60),
                    $"book {symbol} answering after its node left");
                PbmAnswer second = await Pbm(inspect[1], $"book show -s sim:{symbol} -n 20");
                Assert.Equal(0, first.Exit);
                foreach (string table in new[] { "book", "bids", "asks" }) Assert.Equal(first.Table(table), second.Table(table));
                Assert.Equal(stats["sim:" + symbol], first.Rows("book").Single()["events-journaled"].GetInt64());
                Assert.NotEmpty(first.Rows("bids"));
            }
        }
        finally
        {
            foreach (NodeProcess p in _processes) p.Dispose();
        }
    }
}
