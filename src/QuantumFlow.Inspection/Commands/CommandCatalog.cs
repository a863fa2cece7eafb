namespace QuantumFlow.Inspection.Commands;

/// <summary>
/// Every inspection command, in one place: the server parses requests with it and the client completes and explains
/// with it. Palette, command and switch names follow Petabridge.Cmd (<c>pbm</c>) where pbm has the command, so an
/// operator's habits carry over; the book, feed, model, ensemble, journal and predictions palettes are QuantumFlow's own.
/// </summary>
public static class CommandCatalog
{
    private static readonly SwitchSpec Address = new("-a", "--address", "ADDR", "Member address, akka.tcp://quantumflow@host:port") { Required = true };
    private static readonly SwitchSpec Region = new("-r", "--region", "TYPE", "Shard region type name") { Required = true, Suggestions = ["book"] };
    private static readonly SwitchSpec Symbol = new("-s", "--symbol", "SYMBOL", "Book entity id (binance-usdm:BTCUSDT) or a bare symbol when only one venue has it") { Required = true };

    public static IReadOnlyList<PaletteSpec> Palettes { get; } =
    [
        new("cluster", "Cluster membership (Akka.Cluster)",
        [
            new("cluster", "show", "Members: address, status, roles, reachability; the leader and this node marked"),
            new("cluster", "status", "This node: address, status, roles, leader, member counts"),
            new("cluster", "leader", "The leader, and the leader of each role"),
            new("cluster", "leave", "Make a member leave gracefully (its shards are handed over first)") { Switches = [Address], ChangesCluster = true },
            new("cluster", "down", "Mark a member down (it is removed without a handover)") { Switches = [Address], ChangesCluster = true },
            new("cluster", "join", "Make this node join the cluster at the given address") { Switches = [Address], ChangesCluster = true },
            new("cluster", "down-unreachable", "Mark every unreachable member down") { ChangesCluster = true },
            new("cluster", "tail", "Membership, reachability and leader events as they happen (Ctrl+C stops)") { Streams = true },
        ]),
        new("cluster-sharding", "Cluster sharding (Akka.Cluster.Sharding)",
        [
            new("cluster-sharding", "regions", "Shard regions started on this node (hosting entities, or proxy)"),
            new("cluster-sharding", "region-stats", "Shards and entities of a region on every node") { Switches = [Region] },
            new("cluster-sharding", "shard-stats", "Entities of each shard of a region, per node") { Switches = [Region] },
        ]),
        new("actor", "Actors of this node",
        [
            new("actor", "hierarchy", "The actor tree of this node")
            {
                Switches =
                [
                    new SwitchSpec("-d", "--depth", "DEPTH", "Levels below the start path") { Default = "4" },
                    new SwitchSpec("-s", "--start", "PATH", "Actor path to start from (/user, /system/sharding)") { Default = "/", Suggestions = ["/", "/user", "/system", "/system/sharding"] },
                ],
            },
        ]),
        new("log", "This node's log",
        [
            new("log", "peek", "The most recent log entries of this node")
            {
                Switches = [new SwitchSpec("-n", "--count", "COUNT", "How many entries") { Default = "50" }],
            },
            new("log", "set-level", "Change this node's log level")
            {
                Arguments = [new ArgumentSpec("LEVEL", "DEBUG, INFO, WARNING or ERROR") { Suggestions = ["DEBUG", "INFO", "WARNING", "ERROR"] }],
                ChangesCluster = true,
            },
        ]),
        new("book", "Order books (the \"book\" shard region)",
        [
            new("book", "show", "One book: state, validity, journaled events and the top levels")
            {
                Switches = [Symbol, new SwitchSpec("-n", "--levels", "LEVELS", "Levels per side") { Default = "10" }],
            },
            new("book", "list", "Live book entities on every node"),
        ]),
        new("feed", "Market data feeds of the cluster",
        [
            new("feed", "status", "Every feed of the cluster: the node running it, state, symbols, events and acks, a replay's position, each book's backlog"),
        ]),
        new("model", "Prediction models",
        [
            new("model", "list", "Models hosted on this node"),
        ]),
        new("ensemble", "Model ensembles",
        [
            new("ensemble", "weights", "Current weight of each model for a symbol") { Switches = [Symbol] },
        ]),
        new("journal", "The event journal",
        [
            new("journal", "stats", "Rows, events, tags and snapshots per book in the journal database"),
        ]),
        new("predictions", "Predictions",
        [
            new("predictions", "tail", "Predictions for a symbol as they are made (Ctrl+C stops)") { Switches = [Symbol], Streams = true },
        ]),
    ];

    public static PaletteSpec? FindPalette(string name) => Palettes.FirstOrDefault(p => p.Name == name);

    public static IEnumerable<CommandSpec> Commands => Palettes.SelectMany(p => p.Commands);
}
