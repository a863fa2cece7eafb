using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Inspection.Handlers;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Actors.Inspection.Server;

/// <summary>
/// A node's inspection host, kept as an actor-system extension so whoever holds the system can find where it listens
/// (<c>InspectionHost.Get(system)?.Endpoint</c>; port 0 binds any free one). It stops before the node leaves the cluster.
/// </summary>
public sealed class InspectionHost : IExtension
{
    private readonly InspectionServer? _server;

    private InspectionHost(InspectionServer? server, string? problem)
    {
        _server = server;
        Problem = problem;
    }

    /// <summary>Where the host listens; null when it could not bind (see <see cref="Problem"/>).</summary>
    public IPEndPoint? Endpoint => _server?.Endpoint;

    public string? Problem { get; }

    public static InspectionHost? Get(ActorSystem system) => system.HasExtension<InspectionHost>() ? system.GetExtension<InspectionHost>() : null;

    /// <summary>Starts the host for a node: a port in use is logged as a warning and leaves the node running without it.</summary>
    public static InspectionHost Start(ActorSystem system, IActorRegistry registry, NodeOptions options)
    {
        ILoggingAdapter log = Logging.GetLogger(system, "inspection");
        IActorRef buffer = ((ExtendedActorSystem)system).SystemActorOf(LogBuffer.Props(), LogBuffer.Name);
        var context = new InspectionContext(system, registry, options.Journal);
        var dispatcher = new CommandDispatcher(Handlers(context, buffer), options.Inspection.Token);
        string version = typeof(InspectionHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var hello = new HelloFrame(HelloFrame.CurrentProtocol, Akka.Cluster.Cluster.Get(system).SelfAddress.ToString(), version);
        InspectionServer? server = null;
        string? problem = null;
        try
        {
            server = InspectionServer.Start(options.Inspection.Host, options.Inspection.Port, dispatcher, hello, log, options.Inspection);
        }
        catch (SocketException e)
        {
            problem = $"cannot listen on {options.Inspection.Host}:{options.Inspection.Port}: {e.Message}";
            log.Warning("inspection host not started: {0}; give this node another --inspect-port (QF_INSPECT_PORT)", problem);
        }
        var host = new InspectionHost(server, problem);
        system.RegisterExtension(new Id(host));
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "stop-inspection-host", async () =>
        {
            await host.StopAsync();
            return Done.Instance;
        });
        system.RegisterOnTermination(() => host.StopAsync().AsTask().Wait(TimeSpan.FromSeconds(5)));
        return host;
    }

    /// <summary>Every palette this node serves; a new palette is one more line here and one in the catalog.</summary>
    private static IPaletteHandler[] Handlers(InspectionContext context, IActorRef logBuffer) =>
    [
        new ClusterPalette(context),
        new ShardingPalette(context),
        new ActorPalette(context),
        new LogPalette(context, logBuffer),
        new BookPalette(context),
        new FeedPalette(context),
        new ModelPalette(context),
        new EnsemblePalette(context),
        new JournalPalette(context),
        new PredictionsPalette(context),
    ];

    public ValueTask StopAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private sealed class Id(InspectionHost host) : ExtensionIdProvider<InspectionHost>
    {
        public override InspectionHost CreateExtension(ExtendedActorSystem system) => host;
    }
}
