using System.CommandLine;
using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Host.Cli;

/// <summary>The flags shared by every verb that starts or reaches a node; each falls back to a QF_* environment variable.</summary>
public sealed class NodeFlags
{
    public Option<string?> Journal { get; } = new("--journal") { Description = "sqlite:PATH (default sqlite:quantumflow.db) or postgres:CONNECTION-STRING. Env: QF_JOURNAL." };
    public Option<string?> Hostname { get; } = new("--hostname") { Description = "Address to bind (default 127.0.0.1). Env: QF_HOSTNAME." };
    public Option<string?> PublicHostname { get; } = new("--public-hostname") { Description = "Address other nodes use, when it differs from --hostname. Env: QF_PUBLIC_HOSTNAME." };
    public Option<int?> Port { get; } = new("--port") { Description = "Cluster port (default 0: any free port for a single node). Env: QF_PORT." };
    public Option<string[]> SeedNodes { get; } = new("--seed-nodes") { Description = "Seed node addresses (akka.tcp://quantumflow@host:port); none: a single node. Env: QF_SEED_NODES (comma-separated).", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> Roles { get; } = new("--roles") { Description = "Cluster roles (default book). Env: QF_ROLES (comma-separated).", AllowMultipleArgumentsPerToken = true };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Journal, Hostname, PublicHostname, Port, SeedNodes, Roles }) command.Options.Add(o);
    }

    /// <exception cref="FormatException">a flag or variable has a bad value.</exception>
    public NodeOptions Read(ParseResult parse)
    {
        var defaults = new NodeOptions();
        string? journal = parse.GetValue(Journal) ?? Env("QF_JOURNAL");
        string[] seeds = parse.GetValue(SeedNodes) is { Length: > 0 } s ? s : Split(Env("QF_SEED_NODES"));
        string[] roles = parse.GetValue(Roles) is { Length: > 0 } r ? r : Split(Env("QF_ROLES"));
        int? port = parse.GetValue(Port) ?? (Env("QF_PORT") is { } p ? int.TryParse(p, out int v) ? v : throw new FormatException($"QF_PORT '{p}' is not a port number") : null);
        return defaults with
        {
            Journal = journal is null ? defaults.Journal : JournalOptions.Parse(journal),
            Hostname = parse.GetValue(Hostname) ?? Env("QF_HOSTNAME") ?? defaults.Hostname,
            PublicHostname = parse.GetValue(PublicHostname) ?? Env("QF_PUBLIC_HOSTNAME"),
            Port = port ?? 0,
            SeedNodes = seeds,
            Roles = roles.Length > 0 ? roles : defaults.Roles,
        };
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static string[] Split(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
