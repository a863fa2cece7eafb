using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuantumFlow.Actors.Persistence;

namespace QuantumFlow.Actors.Hosting;

/// <summary>A QuantumFlow cluster node: the Akka.Hosting composition shared by `quantumflow run` and the tests.</summary>
public static class QuantumFlowNode
{
    /// <summary>Adds the node's actor system to a host: configuration, book shards, then whatever else the caller adds.</summary>
    public static IServiceCollection AddQuantumFlowNode(this IServiceCollection services, NodeOptions options, Action<AkkaConfigurationBuilder, IServiceProvider>? more = null) =>
        services.AddAkka(options.SystemName, (builder, provider) =>
        {
            builder
                .WithNodeConfig(options)
                .WithClusterBootstrap(options)
                .WithBookShards(options)
                .WithInspection(options);
            more?.Invoke(builder, provider);
        });

    /// <summary>
    /// Starts a node in its own host (tests, tools). A single node claims its embedded journal
    /// (<see cref="JournalOwnership"/>, held until the host is disposed) and creates the journal schema first.
    /// </summary>
    /// <exception cref="JournalInUseException">another node holds the journal.</exception>
    public static async Task<IHost> StartAsync(NodeOptions options, Action<AkkaConfigurationBuilder, IServiceProvider>? more = null, CancellationToken cancel = default)
    {
        JournalOwnership? ownership = JournalOwnership.Claim(options);
        try
        {
            if (options.IsSingleNode) await JournalSchema.InitializeAsync(options, cancel);
            HostApplicationBuilder builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddQuantumFlowNode(options, more);
            // Created by the container, so disposed with the host.
            if (ownership is not null) builder.Services.AddSingleton(_ => ownership);
            IHost host = builder.Build();
            if (ownership is not null) host.Services.GetRequiredService<JournalOwnership>();
            await host.StartAsync(cancel);
            return host;
        }
        catch
        {
            ownership?.Dispose();
            throw;
        }
    }

    public static ActorSystem ActorSystem(this IHost host) => host.Services.GetRequiredService<ActorSystem>();

    public static IActorRef BookRegion(this IHost host) => host.Services.GetRequiredService<IRequiredActor<BookRegion>>().ActorRef;
}
