using System.Text;
using Akka.Configuration;

namespace QuantumFlow.Actors.Hosting;

/// <summary>Builds a node's configuration: the hocon/ files in their documented order, then the node's options on top.</summary>
public static class NodeConfig
{
    private static readonly string[] BaseFiles = ["akka.conf", "remote.conf", "cluster.conf", "sharding.conf"];

    public static Config Build(NodeOptions options)
    {
        string dir = options.HoconDirectory ?? Path.Combine(AppContext.BaseDirectory, "hocon");
        string persistence = options.Journal.Provider switch
        {
            JournalProvider.Sqlite => "persistence-sqlite.conf",
            JournalProvider.Postgres => "persistence-postgres.conf",
            _ => "persistence-memory.conf",
        };
        Config config = ConfigurationFactory.ParseString(Overrides(options));
        foreach (string file in BaseFiles.Append(persistence))
        {
            string path = Path.Combine(dir, file);
            if (!File.Exists(path)) throw new FileNotFoundException($"Akka configuration file missing: {path}", path);
            config = config.WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(path)));
        }
        if (options.ExtraHocon is not null) config = ConfigurationFactory.ParseString(options.ExtraHocon).WithFallback(config);
        return config;
    }

    private static string Overrides(NodeOptions o)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"akka.remote.dot-netty.tcp.hostname = {Quote(o.Hostname)}");
        if (o.PublicHostname is not null) sb.AppendLine($"akka.remote.dot-netty.tcp.public-hostname = {Quote(o.PublicHostname)}");
        sb.AppendLine($"akka.remote.dot-netty.tcp.port = {o.Port}");
        sb.AppendLine($"akka.cluster.seed-nodes = [{string.Join(", ", o.SeedNodes.Select(Quote))}]");
        sb.AppendLine($"akka.cluster.roles = [{string.Join(", ", o.Roles.Select(Quote))}]");
        sb.Append(BootstrapConfig.Overrides(o));
        if (o.Journal.Provider == JournalProvider.Memory) return sb.ToString();
        string cs = Quote(o.Journal.ConnectionString);
        string provider = Quote(o.Journal.ProviderName);
        foreach (string path in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql", "akka.persistence.query.journal.sql" })
        {
            sb.AppendLine($"{path}.connection-string = {cs}");
            sb.AppendLine($"{path}.provider-name = {provider}");
        }
        return sb.ToString();
    }

    internal static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
