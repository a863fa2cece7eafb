using System.Net;
using System.Net.Sockets;
using Akka.Event;
using QuantumFlow.Actors.Inspection.Handlers;
using QuantumFlow.Actors.Inspection.Server;
using QuantumFlow.Inspection;
using QuantumFlow.Inspection.Commands;
using QuantumFlow.Inspection.Protocol;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Actors.Tests.Inspection;

/// <summary>
/// Issue 18: 32 idle TCP connections locked every `pbm` out. Silent clients are now closed at the hello deadline or
/// the idle timeout, and the last slot is kept for a client with the node's token.
/// </summary>
public sealed class InspectionSlotsTests : IAsyncLifetime
{
    private const string Token = "s3cret";
    private InspectionServer _server = null!;
    private readonly List<TcpClient> _clients = [];

    private Task Start(TimeSpan hello, TimeSpan idle)
    {
        var dispatcher = new CommandDispatcher(Array.Empty<IPaletteHandler>(), Token);
        _server = InspectionServer.Start("127.0.0.1", 0, dispatcher, new HelloFrame(HelloFrame.CurrentProtocol, "test-node", "test"), NoLogger.Instance,
            new InspectionOptions { HelloDeadline = hello, IdleTimeout = idle });
        return Task.CompletedTask;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (TcpClient c in _clients) c.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>A raw connection and its reader: a refused one gets an end frame and no hello.</summary>
    private async Task<(FrameReader Reader, FrameWriter Writer)> Open()
    {
        var tcp = new TcpClient();
        _clients.Add(tcp);
        await tcp.ConnectAsync(_server.Endpoint).WaitAsync(TimeSpan.FromSeconds(10));
        return (new FrameReader(tcp.GetStream()), new FrameWriter(tcp.GetStream()));
    }

    private static async Task<InspectionFrame?> Next(FrameReader reader) => await reader.ReadFrameAsync().WaitAsync(TimeSpan.FromSeconds(15));

    [Fact]
    public async Task A_client_that_never_asks_is_closed_at_the_hello_deadline()
    {
        await Start(hello: TimeSpan.FromMilliseconds(300), idle: TimeSpan.FromMinutes(5));
        (FrameReader reader, _) = await Open();
        Assert.IsType<HelloFrame>(await Next(reader));
        EndFrame end = Assert.IsType<EndFrame>(await Next(reader));
        Assert.Equal(ExitCodes.Failed, end.Exit);
        Assert.Contains("no request within 0.3 s of connecting", end.Error);
        Assert.Null(await Next(reader)); // closed
    }

    [Fact]
    public async Task A_client_idle_after_its_command_is_closed_at_the_idle_timeout()
    {
        await Start(hello: TimeSpan.FromSeconds(10), idle: TimeSpan.FromMilliseconds(300));
        (FrameReader reader, FrameWriter writer) = await Open();
        Assert.IsType<HelloFrame>(await Next(reader));
        await writer.WriteAsync(new RunFrame(1, CommandParser.Split("cluster show"), null));
        Assert.Equal(1, Assert.IsType<EndFrame>(await Next(reader)).Id);
        EndFrame idle = Assert.IsType<EndFrame>(await Next(reader));
        Assert.Contains("no request within 0.3 s of the last one", idle.Error);
    }

    [Fact]
    public async Task Idle_connections_filling_every_slot_are_closed_and_pbm_gets_in_again()
    {
        await Start(hello: TimeSpan.FromMilliseconds(500), idle: TimeSpan.FromMinutes(5));
        var idle = new List<FrameReader>();
        for (int i = 0; i < InspectionServer.MaxConnections; i++) idle.Add((await Open()).Reader);
        // Every silent client is told and closed; then the slots are free.
        foreach (FrameReader r in idle)
        {
            Assert.IsType<HelloFrame>(await Next(r));
            Assert.Contains("no request within", Assert.IsType<EndFrame>(await Next(r)).Error);
        }
        await Poll.Until(async () =>
        {
            (FrameReader reader, FrameWriter writer) = await Open();
            if (await Next(reader) is not HelloFrame) return false;
            await writer.WriteAsync(new RunFrame(1, CommandParser.Split("cluster show"), null));
            return await Next(reader) is EndFrame { Id: 1 } end && end.Error?.Contains("too many") != true;
        }, TimeSpan.FromSeconds(20), "a slot frees as an idle connection is closed", TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task The_last_slot_is_kept_for_a_client_with_the_token()
    {
        await Start(hello: TimeSpan.FromMinutes(5), idle: TimeSpan.FromMinutes(5));
        // Every slot but the kept one held by clients that asked once and stay connected.
        for (int i = 0; i < InspectionServer.MaxConnections - 1; i++)
        {
            (FrameReader r, FrameWriter w) = await Open();
            Assert.IsType<HelloFrame>(await Next(r));
            await w.WriteAsync(new RunFrame(1, CommandParser.Split("cluster show"), null));
            Assert.IsType<EndFrame>(await Next(r));
        }
        (FrameReader without, FrameWriter withoutWriter) = await Open();
        Assert.IsType<HelloFrame>(await Next(without));
        await withoutWriter.WriteAsync(new RunFrame(1, CommandParser.Split("cluster show"), null));
        EndFrame refused = Assert.IsType<EndFrame>(await Next(without));
        Assert.Contains("too many inspection clients", refused.Error);

        // The refused client's slot frees as its connection ends; an operator with the token then gets in.
        await Poll.Until(async () =>
        {
            (FrameReader reader, FrameWriter writer) = await Open();
            if (await Next(reader) is not HelloFrame) return false;
            await writer.WriteAsync(new RunFrame(7, CommandParser.Split("cluster show"), Token));
            return await Next(reader) is EndFrame { Id: 7 } end && end.Error?.Contains("too many") != true;
        }, TimeSpan.FromSeconds(20), "the refused client's slot frees and the token gets in", TimeSpan.FromMilliseconds(50));
    }
}
