using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Inspection.Server;
using QuantumFlow.Inspection;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Actors.Tests.Inspection;

/// <summary>
/// Issue 15: with its seed gone a new node could not join, and `pbm cluster show` on it exited 0 with an empty table,
/// so a script or probe took it for a member. A node that is not in a cluster fails `cluster show`.
/// </summary>
public sealed class NonMemberInspectionTests : IAsyncLifetime
{
    private IHost _host = null!;
    private ProtocolClient _client = null!;

    public async Task InitializeAsync()
    {
        // Its only seed is a port nothing listens on: the node keeps trying to join and never becomes a member.
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        int nobody = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        _host = await QuantumFlowNode.StartAsync(new NodeOptions
        {
            Journal = JournalOptions.Parse("memory"),
            SeedNodes = [$"akka.tcp://quantumflow@127.0.0.1:{nobody}"],
            Inspection = new InspectionOptions { Port = 0 },
        });
        IPEndPoint endpoint = InspectionHost.Get(_host.ActorSystem())?.Endpoint ?? throw new InvalidOperationException("no inspection host");
        _client = await ProtocolClient.ConnectAsync(endpoint);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Cluster_show_on_a_node_that_is_not_a_member_fails_and_says_so()
    {
        ProtocolClient.Answer show = await _client.RunAsync("cluster show");
        Assert.Equal(ExitCodes.Failed, show.End.Exit);
        Assert.Contains("is not a member of any cluster yet", show.End.Error);
        Assert.Empty(show.Rows("members"));
    }
}
