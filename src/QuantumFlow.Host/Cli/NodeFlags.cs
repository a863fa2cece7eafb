using System.CommandLine;
using QuantumFlow.Actors.Hosting;
using DiscoveryKind = QuantumFlow.Actors.Hosting.Discovery;

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
    public Option<string?> Discovery { get; } = new("--discovery") { Description = "Join through Akka.Management cluster bootstrap instead of seed nodes: config (the --contact-points list) or kubernetes (pods labelled app=quantumflow). Env: QF_DISCOVERY." };
    public Option<string[]> ContactPoints { get; } = new("--contact-points") { Description = "With --discovery config: the management endpoint HOST:PORT of every node, this one included (space- or comma-separated). Env: QF_CONTACT_POINTS (comma-separated).", AllowMultipleArgumentsPerToken = true };
    public Option<int?> ManagementPort { get; } = new("--management-port") { Description = "Akka.Management port for cluster bootstrap, 1 to 65535 (default 8558). Env: QF_MANAGEMENT_PORT." };
    public Option<string?> Hocon { get; } = new("--hocon") { Description = "A HOCON file applied over every other Akka setting (e.g. bootstrap tuning). Env: QF_HOCON." };
    public Option<double?> StaleAfter { get; } = new("--stale-after") { Description = "Seconds without market data after which a book is stale: not valid, not ready, no prediction (default 5). Env: QF_STALE_AFTER." };
    public Option<int?> InspectPort { get; } = new("--inspect-port") { Description = "Inspection host port for `quantumflow pbm`, 0 to 65535 (default 9110; 0: any free port). Env: QF_INSPECT_PORT; also QF_INSPECT_HOST (default 127.0.0.1), QF_INSPECT_TOKEN (needed to change the cluster), QF_INSPECT=off." };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Journal, Hostname, PublicHostname, Port, SeedNodes, Roles, Discovery, ContactPoints, ManagementPort, Hocon, InspectPort, StaleAfter }) command.Options.Add(o);
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
        BootstrapOptions bootstrap = ReadBootstrap(parse, seeds);
        string? hocon = parse.GetValue(Hocon) ?? Env("QF_HOCON");
        if (hocon is not null && CliErrors.InputFileProblem("--hocon", hocon) is { } hoconProblem) throw new FormatException(hoconProblem);
        return defaults with
        {
            Bootstrap = bootstrap,
            ExtraHocon = hocon is null ? null : File.ReadAllText(hocon),
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

    private BootstrapOptions ReadBootstrap(ParseResult parse, string[] seeds)
    {
        string? method = parse.GetValue(Discovery) ?? Env("QF_DISCOVERY");
        // Space- or comma-separated on the command line, as in the variable.
        string[] points = parse.GetValue(ContactPoints) is { Length: > 0 } c ? c.SelectMany(Split).ToArray() : Split(Env("QF_CONTACT_POINTS"));
        int? managementPort = parse.GetValue(ManagementPort) ?? (Env("QF_MANAGEMENT_PORT") is { } mp ? int.TryParse(mp, out int mv) ? mv : throw new FormatException($"QF_MANAGEMENT_PORT '{mp}' is not a port number") : null);
        if (managementPort is < 1 or > 65535) throw new FormatException($"--management-port {managementPort} is not a port number (1 to 65535)");
        DiscoveryKind discovery = method?.ToLowerInvariant() switch
        {
            null or "none" => DiscoveryKind.None,
            "config" => DiscoveryKind.Config,
            "kubernetes" => DiscoveryKind.Kubernetes,
            _ => throw new FormatException($"--discovery '{method}': expected config or kubernetes"),
        };
        if (discovery != DiscoveryKind.None && seeds.Length > 0)
            throw new FormatException("--seed-nodes and --discovery exclude each other: bootstrap finds the cluster through discovery");
        if (discovery == DiscoveryKind.Config && points.Length == 0)
            throw new FormatException("--discovery config needs --contact-points HOST:PORT ... (every node's management endpoint)");
        if (discovery != DiscoveryKind.Config && points.Length > 0)
            throw new FormatException("--contact-points is the list of --discovery config; add --discovery config");
        foreach (string point in points)
        {
            if (ContactPointProblem(point) is { } problem) throw new FormatException($"--contact-points '{point}': {problem}");
        }
        return new BootstrapOptions { Discovery = discovery, ContactPoints = points, ManagementPort = managementPort ?? BootstrapOptions.DefaultManagementPort };
    }

    /// <summary>Why a contact point is unusable, or null: discovery would otherwise drop it without a word.</summary>
    public static string? ContactPointProblem(string point)
    {
        int colon = point.LastIndexOf(':');
        if (colon <= 0 || colon == point.Length - 1) return "expected HOST:PORT (a node's management endpoint, e.g. 127.0.0.1:8558)";
        if (!int.TryParse(point.AsSpan(colon + 1), out int port) || port is < 1 or > 65535) return "the port is not a number from 1 to 65535";
        return Uri.CheckHostName(point[..colon]) == UriHostNameType.Unknown ? "not a host name or address" : null;
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
