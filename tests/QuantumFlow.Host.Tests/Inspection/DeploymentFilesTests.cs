using System.CommandLine;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace QuantumFlow.Host.Tests.Inspection;

/// <summary>
/// Docker is not available where the tests run, so the deployment files are checked for what can be checked here:
/// they parse, their services and resources are wired as documented, and every command they run is a verb and flags
/// that the real `quantumflow` root command accepts.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static YamlMappingNode Load(string relative)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf(relative));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static List<YamlMappingNode> LoadAll(string relative)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf(relative));
        yaml.Load(reader);
        return yaml.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlNode? Get(YamlNode node, params string[] path)
    {
        foreach (string key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? next)) return null;
            node = next;
        }
        return node;
    }

    private static string[] Strings(YamlNode? node) =>
        node is YamlSequenceNode seq ? seq.Children.Select(c => ((YamlScalarNode)c).Value!).ToArray() : [];

    /// <summary>Parses a container's command with the real root command; Kubernetes' $(VAR) references stand in as values.</summary>
    private static ParseResult AssertAccepted(string where, string[] args)
    {
        string[] expanded = args.Select(a => KubernetesVariable().Replace(a, "value")).ToArray();
        ParseResult parse = Program.Root().Parse(expanded);
        Assert.True(parse.Errors.Count == 0, $"{where}: `quantumflow {string.Join(' ', args)}`: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        Assert.True(parse.UnmatchedTokens.Count == 0, $"{where}: unmatched {string.Join(' ', parse.UnmatchedTokens)}");
        Assert.NotNull(parse.CommandResult.Command.Action);
        return parse;
    }

    [GeneratedRegex(@"\$\([A-Z_]+\)")]
    private static partial Regex KubernetesVariable();

    [GeneratedRegex(@"\bQF_[A-Z_]+\b")]
    private static partial Regex QfVariable();

    [Fact]
    public void Compose_runs_db_init_once_before_three_nodes_with_commands_the_cli_accepts()
    {
        YamlMappingNode compose = Load("deploy/docker-compose.yml");
        var services = (YamlMappingNode)Get(compose, "services")!;
        Assert.Equal(["postgres", "db-init", "seed", "worker", "web"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!));

        Assert.Equal(["db", "init"], Strings(Get(services, "db-init", "command")));
        Assert.Equal("service_healthy", ((YamlScalarNode)Get(services, "db-init", "depends_on", "postgres", "condition")!).Value);
        Assert.Equal("deploy/Dockerfile", ((YamlScalarNode)Get(services, "db-init", "build", "dockerfile")!).Value);

        var roles = new Dictionary<string, string>();
        foreach (string node in new[] { "seed", "worker", "web" })
        {
            Assert.Equal("service_completed_successfully", ((YamlScalarNode)Get(services, node, "depends_on", "db-init", "condition")!).Value);
            Assert.Equal(node, ((YamlScalarNode)Get(services, node, "environment", "QF_PUBLIC_HOSTNAME")!).Value);
            string[] command = Strings(Get(services, node, "command"));
            ParseResult parse = AssertAccepted($"compose service {node}", command);
            Assert.Equal("run", parse.CommandResult.Command.Name);
            roles[node] = parse.GetValue<string[]>("--roles") is { } r ? string.Join(",", r) : "";
        }
        Assert.Equal("book", roles["seed"]);
        Assert.Equal("book", roles["worker"]);
        Assert.Equal("web", roles["web"]); // web-facing: no books, a shard proxy
        foreach (YamlNode service in services.Children.Values)
        {
            if (Get(service, "command") is { } command) AssertAccepted("compose", Strings(command));
        }
    }

    [Fact]
    public void The_shared_node_environment_names_a_seed_that_is_a_compose_service()
    {
        Dictionary<string, string> env = File.ReadAllLines(Repository.PathOf("deploy/node.env"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.StartsWith("postgres:Host=postgres;", env["QF_JOURNAL"]);
        Assert.Equal("akka.tcp://quantumflow@seed:4053", env["QF_SEED_NODES"]);
        Assert.Equal("4053", env["QF_PORT"]);
    }

    [Fact]
    public void Kubernetes_manifests_wire_bootstrap_discovery_rbac_and_commands_the_cli_accepts()
    {
        var docs = Directory.GetFiles(Repository.PathOf("deploy/k8s"), "*.yaml").Order()
            .SelectMany(f => LoadAll(Path.GetRelativePath(Repository.Root, f))).ToList();
        string Kind(YamlMappingNode d) => ((YamlScalarNode)Get(d, "kind")!).Value!;
        Assert.Equal(["ConfigMap", "Job", "Role", "RoleBinding", "Secret", "Service", "ServiceAccount", "StatefulSet"], docs.Select(Kind).Order());

        YamlMappingNode role = docs.Single(d => Kind(d) == "Role");
        var rule = (YamlMappingNode)((YamlSequenceNode)Get(role, "rules")!).Children.Single();
        Assert.Equal(["pods"], Strings(Get(rule, "resources")));
        Assert.Equal(["get", "watch", "list"], Strings(Get(rule, "verbs")));

        YamlMappingNode service = docs.Single(d => Kind(d) == "Service");
        Assert.Equal("None", ((YamlScalarNode)Get(service, "spec", "clusterIP")!).Value);
        string bootstrap = ((YamlScalarNode)Get(docs.Single(d => Kind(d) == "ConfigMap"), "data", "bootstrap.conf")!).Value!;
        Assert.Contains("discovery-method = kubernetes-api", bootstrap);
        Assert.Contains("pod-label-selector = \"app={0}\"", bootstrap);
        Assert.Contains("port-name = \"management\"", bootstrap);

        YamlMappingNode set = docs.Single(d => Kind(d) == "StatefulSet");
        Assert.Equal("quantumflow", ((YamlScalarNode)Get(set, "spec", "template", "spec", "serviceAccountName")!).Value);
        var container = (YamlMappingNode)((YamlSequenceNode)Get(set, "spec", "template", "spec", "containers")!).Children.Single();
        Assert.Contains("management", ((YamlSequenceNode)Get(container, "ports")!).Children.Select(p => ((YamlScalarNode)Get(p, "name")!).Value));
        Assert.Equal("run", AssertAccepted("statefulset", Strings(Get(container, "args"))).CommandResult.Command.Name);

        YamlMappingNode job = docs.Single(d => Kind(d) == "Job");
        var init = (YamlMappingNode)((YamlSequenceNode)Get(job, "spec", "template", "spec", "containers")!).Children.Single();
        Assert.Equal(["db", "init"], Strings(Get(init, "args")));
        AssertAccepted("db-init job", Strings(Get(init, "args")));
    }

    [Fact]
    public void Every_QF_variable_the_deployment_sets_is_one_the_executable_reads()
    {
        string code = string.Concat(Directory.GetFiles(Repository.PathOf("src/QuantumFlow.Host"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).Select(File.ReadAllText));
        var read = QfVariable().Matches(code).Select(m => m.Value).ToHashSet();
        foreach (string file in new[] { "deploy/docker-compose.yml", "deploy/node.env", "deploy/Dockerfile", "deploy/k8s/statefulset.yaml", "deploy/k8s/db-init-job.yaml", "scripts/cluster.sh" })
        {
            foreach (string variable in QfVariable().Matches(File.ReadAllText(Repository.PathOf(file))).Select(m => m.Value).Distinct())
            {
                if (variable.StartsWith("QF_CLUSTER", StringComparison.Ordinal) || variable is "QF_BIN" or "QF_PG_DIR") continue; // the script's own settings
                Assert.True(read.Contains(variable), $"{file} sets {variable}, which no code in src/QuantumFlow.Host reads");
            }
        }
    }

    [Fact]
    public void The_image_publishes_the_host_and_runs_its_verbs()
    {
        string[] lines = File.ReadAllLines(Repository.PathOf("deploy/Dockerfile"));
        Assert.Equal(2, lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal))); // build stage, runtime stage
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish src/QuantumFlow.Host/QuantumFlow.Host.csproj", StringComparison.Ordinal));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/quantumflow.dll\"]", lines);
        Assert.Contains("CMD [\"run\"]", lines);
        AssertAccepted("Dockerfile CMD", ["run"]);
        Assert.True(File.Exists(Repository.PathOf("src/QuantumFlow.Host/QuantumFlow.Host.csproj")));
    }
}
