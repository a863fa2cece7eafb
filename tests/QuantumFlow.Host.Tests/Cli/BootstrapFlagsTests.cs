using System.CommandLine;
using Akka.Configuration;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Host.Cli;

namespace QuantumFlow.Host.Tests.Cli;

/// <summary>
/// Issue 15: membership without fixed seeds. The bootstrap flags become the Akka.Management settings the bootstrap
/// coordinator reads, and bad combinations are one line before anything starts.
/// </summary>
public sealed class BootstrapFlagsTests
{
    private static NodeOptions Read(params string[] args)
    {
        var flags = new NodeFlags();
        var command = new Command("run");
        flags.AddTo(command);
        return flags.Read(command.Parse(args));
    }

    [Theory]
    [InlineData("--discovery garbage", "--discovery 'garbage'")]
    [InlineData("--discovery config", "--discovery config needs --contact-points")]
    [InlineData("--contact-points 127.0.0.1:8558", "add --discovery config")]
    [InlineData("--discovery config --contact-points 127.0.0.1", "--contact-points '127.0.0.1'")]
    [InlineData("--discovery config --contact-points 127.0.0.1:0", "--contact-points '127.0.0.1:0'")]
    [InlineData("--discovery config --contact-points bad_host!:8558", "--contact-points 'bad_host!:8558'")]
    [InlineData("--discovery kubernetes --seed-nodes akka.tcp://quantumflow@127.0.0.1:4053", "--seed-nodes and --discovery exclude each other")]
    [InlineData("--discovery kubernetes --management-port 0", "--management-port 0")]
    [InlineData("--hocon /nonexistent/bootstrap.conf", "--hocon /nonexistent/bootstrap.conf: file not found")]
    public void Bad_bootstrap_flags_are_one_line_naming_the_flag(string args, string named)
    {
        FormatException e = Assert.Throws<FormatException>(() => Read(args.Split(' ')));
        Assert.Contains(named, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Config_discovery_lists_every_contact_point_and_forms_a_cluster_only_when_all_answer()
    {
        NodeOptions options = Read("--discovery", "config", "--contact-points", "127.0.0.1:8558,127.0.0.1:8559", "127.0.0.1:8560",
            "--management-port", "8559", "--journal", "memory");
        Assert.False(options.IsSingleNode);
        Config config = NodeConfig.Build(options);

        Assert.Empty(config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["127.0.0.1:8558", "127.0.0.1:8559", "127.0.0.1:8560"], config.GetStringList("akka.discovery.config.services.quantumflow.endpoints"));
        Assert.Equal("config", config.GetString("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
        Assert.Equal("quantumflow", config.GetString("akka.management.cluster.bootstrap.contact-point-discovery.service-name"));
        Assert.Equal(3, config.GetInt("akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
        Assert.True(config.GetBoolean("akka.management.cluster.bootstrap.contact-point-discovery.contact-with-all-contact-points"));
        // Nodes on one machine differ by port: the fallback-port filter would drop all but this node's.
        Assert.False(config.GetBoolean("akka.management.cluster.bootstrap.contact-point.filter-on-fallback-port"));
        Assert.Equal(8559, config.GetInt("akka.management.http.port"));
    }

    [Fact]
    public void Seed_nodes_still_work_and_no_flags_is_a_single_node()
    {
        NodeOptions seeded = Read("--seed-nodes", "akka.tcp://quantumflow@127.0.0.1:4053", "--journal", "memory");
        Assert.False(seeded.Bootstrap.Enabled);
        Assert.False(seeded.IsSingleNode);
        Assert.Equal(["akka.tcp://quantumflow@127.0.0.1:4053"], NodeConfig.Build(seeded).GetStringList("akka.cluster.seed-nodes"));
        Assert.True(Read("--journal", "memory").IsSingleNode);
    }
}
