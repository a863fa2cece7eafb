using System.CommandLine;
using Akka.Configuration;
using QuantumFlow.Actors.Hosting;
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
        foreach (string node in new[] { "seed", "worker", "web" })
        {
            string health = string.Join(' ', Strings(Get(services, node, "healthcheck", "test")));
            Assert.Contains("/dev/tcp/127.0.0.1/5080", health);
            Assert.Contains("GET /ready", health);
            string journal = ((YamlScalarNode)Get(services, node, "environment", "QF_JOURNAL")!).Value!;
            Assert.StartsWith("postgres:Host=postgres;", journal);
            Assert.Contains("Password=${POSTGRES_PASSWORD:?", journal);
        }
        Assert.StartsWith("${POSTGRES_PASSWORD:?", ((YamlScalarNode)Get(services, "postgres", "environment", "POSTGRES_PASSWORD")!).Value);
        Assert.Equal("book", roles["seed"]);
        Assert.Equal("book", roles["worker"]);
        Assert.Equal("web", roles["web"]); // web-facing: no books, a shard proxy
        foreach (YamlNode service in services.Children.Values)
        {
            if (Get(service, "command") is { } command) AssertAccepted("compose", Strings(command));
        }
    }

    [Fact]
    public void The_shared_node_environment_lists_every_node_as_a_contact_point_and_no_seed()
    {
        Dictionary<string, string> env = File.ReadAllLines(Repository.PathOf("deploy/node.env"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("config", env["QF_DISCOVERY"]);
        Assert.Equal(["seed:8558", "worker:8558", "web:8558"], env["QF_CONTACT_POINTS"].Split(','));
        Assert.Equal("8558", env["QF_MANAGEMENT_PORT"]);
        Assert.Equal("4053", env["QF_PORT"]);
        Assert.False(env.ContainsKey("QF_SEED_NODES"));
        Assert.False(env.ContainsKey("QF_JOURNAL")); // it carries the password: assembled in the compose file from deploy/.env
    }

    [Fact]
    public void No_committed_deployment_file_holds_a_password_and_the_real_env_file_is_ignored()
    {
        foreach (string file in Directory.GetFiles(Repository.PathOf("deploy"), "*", SearchOption.AllDirectories))
        {
            string name = Path.GetFileName(file);
            if (name is ".env" or "secret.yaml") continue; // the git-ignored filled-in copies, if someone made them here
            foreach (Match m in PasswordSetting().Matches(File.ReadAllText(file)))
            {
                string value = m.Groups["value"].Value;
                Assert.True(value.StartsWith("${", StringComparison.Ordinal) || value is "CHANGE-ME" or "change-me",
                    $"{Path.GetRelativePath(Repository.Root, file)} sets a password: {m.Value}");
            }
        }
        Assert.Contains("POSTGRES_PASSWORD=change-me", File.ReadAllLines(Repository.PathOf("deploy/.env.example")));
        string[] ignored = File.ReadAllLines(Repository.PathOf(".gitignore"));
        Assert.Contains("deploy/.env", ignored);
        Assert.Contains("deploy/k8s/secret.yaml", ignored);
    }

    [GeneratedRegex(@"(?:Password=|(?<![{\w])POSTGRES_PASSWORD[:=]\s*)(?<value>[^;""\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordSetting();

    [Fact]
    public void Kubernetes_manifests_wire_bootstrap_discovery_rbac_and_commands_the_cli_accepts()
    {
        var docs = Directory.GetFiles(Repository.PathOf("deploy/k8s"), "*.yaml").Where(f => Path.GetFileName(f) != "secret.yaml").Order()
            .SelectMany(f => LoadAll(Path.GetRelativePath(Repository.Root, f))).ToList();
        string Kind(YamlMappingNode d) => ((YamlScalarNode)Get(d, "kind")!).Value!;
        Assert.Equal(["ConfigMap", "Job", "Role", "RoleBinding", "Secret", "Service", "ServiceAccount", "StatefulSet"], docs.Select(Kind).Order());

        YamlMappingNode role = docs.Single(d => Kind(d) == "Role");
        var rule = (YamlMappingNode)((YamlSequenceNode)Get(role, "rules")!).Children.Single();
        Assert.Equal(["pods"], Strings(Get(rule, "resources")));
        Assert.Equal(["get", "watch", "list"], Strings(Get(rule, "verbs")));

        YamlMappingNode service = docs.Single(d => Kind(d) == "Service");
        Assert.Equal("None", ((YamlScalarNode)Get(service, "spec", "clusterIP")!).Value);
        Assert.Equal(["remoting", "management", "http"], ((YamlSequenceNode)Get(service, "spec", "ports")!).Children.Select(p => ((YamlScalarNode)Get(p, "name")!).Value!));
        string bootstrap = ((YamlScalarNode)Get(docs.Single(d => Kind(d) == "ConfigMap"), "data", "bootstrap.conf")!).Value!;
        Assert.Contains("discovery-method = kubernetes-api", bootstrap);
        Assert.Contains("pod-label-selector = \"app={0}\"", bootstrap);
        Assert.Contains("port-name = \"management\"", bootstrap);

        YamlMappingNode set = docs.Single(d => Kind(d) == "StatefulSet");
        Assert.Equal("quantumflow", ((YamlScalarNode)Get(set, "spec", "template", "spec", "serviceAccountName")!).Value);
        var container = (YamlMappingNode)((YamlSequenceNode)Get(set, "spec", "template", "spec", "containers")!).Children.Single();
        Dictionary<string, string> ports = ((YamlSequenceNode)Get(container, "ports")!).Children
            .ToDictionary(p => ((YamlScalarNode)Get(p, "name")!).Value!, p => ((YamlScalarNode)Get(p, "containerPort")!).Value!);
        Assert.Equal(new Dictionary<string, string> { ["remoting"] = "4053", ["management"] = "8558", ["http"] = "5080" }, ports);
        Assert.Equal("run", AssertAccepted("statefulset", Strings(Get(container, "args"))).CommandResult.Command.Name);
        foreach ((string probe, string path) in new[] { ("startupProbe", "/health"), ("livenessProbe", "/health"), ("readinessProbe", "/ready") })
        {
            Assert.Equal(path, ((YamlScalarNode)Get(container, probe, "httpGet", "path")!).Value);
            Assert.Equal("http", ((YamlScalarNode)Get(container, probe, "httpGet", "port")!).Value);
        }

        // Bootstrap, not a seed: the pods run with Kubernetes discovery and read the ConfigMap through QF_HOCON.
        Dictionary<string, string?> env = ((YamlSequenceNode)Get(container, "env")!).Children
            .ToDictionary(e => ((YamlScalarNode)Get(e, "name")!).Value!, e => (Get(e, "value") as YamlScalarNode)?.Value);
        Assert.False(env.ContainsKey("QF_SEED_NODES"));
        Assert.Equal("kubernetes", env["QF_DISCOVERY"]);
        Assert.Equal("$(POD_IP)", env["QF_PUBLIC_HOSTNAME"]); // the address Kubernetes discovery lists for the pod
        var mount = (YamlMappingNode)((YamlSequenceNode)Get(container, "volumeMounts")!).Children.Single();
        Assert.Equal($"{((YamlScalarNode)Get(mount, "mountPath")!).Value}/bootstrap.conf", env["QF_HOCON"]);
        Config config = NodeConfig.Build(new NodeOptions
        {
            Journal = JournalOptions.Parse("memory"),
            Bootstrap = new BootstrapOptions { Discovery = Discovery.Kubernetes },
            ExtraHocon = bootstrap,
        });
        Assert.Equal("kubernetes-api", config.GetString("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
        Assert.Equal("management", config.GetString("akka.management.cluster.bootstrap.contact-point-discovery.port-name"));
        Assert.Equal(2, config.GetInt("akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
        Assert.Equal("app={0}", config.GetString("akka.discovery.kubernetes-api.pod-label-selector"));
        Assert.Empty(config.GetStringList("akka.cluster.seed-nodes"));

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
        foreach (string file in new[] { "deploy/docker-compose.yml", "deploy/node.env", "deploy/.env.example", "deploy/Dockerfile", "deploy/k8s/statefulset.yaml", "deploy/k8s/db-init-job.yaml", "scripts/cluster.sh" })
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
        // The web host needs ASP.NET Core: the runtime-only image could not start it.
        Assert.Equal("FROM mcr.microsoft.com/dotnet/aspnet:10.0", lines.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains("EXPOSE 4053 5080 8558", lines);
        Assert.Contains("COPY data/esg/ data/esg/", lines);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/quantumflow.dll\"]", lines);
        Assert.Contains("CMD [\"run\"]", lines);
        AssertAccepted("Dockerfile CMD", ["run"]);
        Assert.True(File.Exists(Repository.PathOf("src/QuantumFlow.Host/QuantumFlow.Host.csproj")));
    }
}
