using System.CommandLine;
using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Host.Cli;

/// <summary>The flags shared by every verb that starts or reaches a node; each falls back to a QF_* environment variable.</summary>
public sealed class NodeFlags
{
    public Option<string?> Journal { get; } = new("--journal") { Description = "sqlite:PATH (default sqlite:quantumflow.db) or postgres:CONNECTION-STRING. Env: QF_JOURNAL." };
    public Option<string?> Hostname { get; } = new("--hostname") { Description = "Address to bind (default 127.0.0.1). Env: QF_HOSTNAME." };
    public Option<string?> PublicHostname { get; } = new("--public-hostname") { Description = "Address other nodes use, when it differs from --hostname. Env: QF_PUBLIC_HOSTNAME." };
    public Option<int?> Port { get; } = new("--port") { Description = "Cluster port, 0 to 65535 (default 0: any free port for a single node). Env: QF_PORT." };
    public Option<string[]> SeedNodes { get; } = new("--seed-nodes") { Description = "Seed node addresses (akka.tcp://quantumflow@host:port); none: a single node. Env: QF_SEED_NODES (comma-separated).", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> Roles { get; } = new("--roles") { Description = "Cluster roles (default book). Env: QF_ROLES (comma-separated).", AllowMultipleArgumentsPerToken = true };
    public Option<double?> StaleAfter { get; } = new("--stale-after") { Description = "Seconds without market data after which a book is stale: not valid, not ready, no prediction (default 5). Env: QF_STALE_AFTER." };
    public Option<int?> InspectPort { get; } = new("--inspect-port") { Description = "Inspection host port for `quantumflow pbm`, 0 to 65535 (default 9110; 0: any free port). Env: QF_INSPECT_PORT; also QF_INSPECT_HOST (default 127.0.0.1), QF_INSPECT_TOKEN (needed to change the cluster), QF_INSPECT=off." };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Journal, Hostname, PublicHostname, Port, SeedNodes, Roles, InspectPort, StaleAfter }) command.Options.Add(o);
    }

    /// <exception cref="FormatException">a flag or variable has a bad value.</exception>
    public NodeOptions Read(ParseResult parse)
    {
        var defaults = new NodeOptions();
        string? journal = parse.GetValue(Journal) ?? Env("QF_JOURNAL");
        string[] seeds = parse.GetValue(SeedNodes) is { Length: > 0 } s ? s : Split(Env("QF_SEED_NODES"));
        string[] roles = parse.GetValue(Roles) is { Length: > 0 } r ? r : Split(Env("QF_ROLES"));
        int? port = parse.GetValue(Port) ?? (Env("QF_PORT") is { } p ? int.TryParse(p, out int v) ? v : throw new FormatException($"QF_PORT '{p}' is not a port number") : null);
        int? inspectPort = parse.GetValue(InspectPort) ?? (Env("QF_INSPECT_PORT") is { } ip ? int.TryParse(ip, out int iv) ? iv : throw new FormatException($"QF_INSPECT_PORT '{ip}' is not a port number") : null);
        if (inspectPort is < 0 or > 65535) throw new FormatException($"--inspect-port {inspectPort} is not a port number (0 to 65535)");
        if (port is < 0 or > 65535) throw new FormatException($"--port {port} is not a port number (0 to 65535)");
        double? staleAfter = parse.GetValue(StaleAfter) ?? (Env("QF_STALE_AFTER") is { } sa
            ? double.TryParse(sa, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double sv) ? sv : throw new FormatException($"QF_STALE_AFTER '{sa}' is not a number of seconds")
            : null);
        if (staleAfter is { } st && (!double.IsFinite(st) || st <= 0 || st > 86_400))
            throw new FormatException($"--stale-after {st}: give the seconds without market data after which a book is stale, more than 0 and at most 86400");
        foreach (string seed in seeds)
        {
            if (SeedProblem(seed) is { } problem) throw new FormatException($"--seed-nodes '{seed}': {problem}");
        }
        return defaults with
        {
            Journal = journal is null ? defaults.Journal : JournalOptions.Parse(journal),
            Hostname = parse.GetValue(Hostname) ?? Env("QF_HOSTNAME") ?? defaults.Hostname,
            PublicHostname = parse.GetValue(PublicHostname) ?? Env("QF_PUBLIC_HOSTNAME"),
            Port = port ?? 0,
            SeedNodes = seeds,
            Roles = roles.Length > 0 ? roles : defaults.Roles,
            Books = staleAfter is { } after ? defaults.Books with { StaleAfter = TimeSpan.FromSeconds(after) } : defaults.Books,
            Inspection = defaults.Inspection with
            {
                Enabled = !string.Equals(Env("QF_INSPECT"), "off", StringComparison.OrdinalIgnoreCase),
                Host = Env("QF_INSPECT_HOST") ?? defaults.Inspection.Host,
                Port = inspectPort ?? defaults.Inspection.Port,
                Token = Env("QF_INSPECT_TOKEN"),
            },
        };
    }

    /// <summary>Why a seed address is unusable, or null: Akka would otherwise fail deep in cluster start with a stack trace.</summary>
    public static string? SeedProblem(string seed)
    {
        if (!Uri.TryCreate(seed, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("akka.tcp" or "akka") )
            return "not a seed address; expected akka.tcp://quantumflow@HOST:PORT";
        if (uri.UserInfo.Length == 0) return "no actor system name; expected akka.tcp://quantumflow@HOST:PORT";
        if (uri.Port is < 1 or > 65535) return "no port, or one outside 1 to 65535";
        return null;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static string[] Split(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
