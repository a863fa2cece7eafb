using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Management.Cluster.Bootstrap;
using Akka.Management.Dsl;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Inspection.Server;
using QuantumFlow.Actors.Prediction;

namespace QuantumFlow.Actors.Hosting;

/// <summary>One builder call per capability of a QuantumFlow node.</summary>
public static class AkkaBuilderExtensions
{
    /// <summary>The hocon/ configuration with the node's options on top; a single node joins itself.</summary>
    public static AkkaConfigurationBuilder WithNodeConfig(this AkkaConfigurationBuilder builder, NodeOptions options)
    {
        builder.AddHocon(NodeConfig.Build(options), HoconAddMode.Prepend);
        if (options.IsSingleNode)
        {
            builder.AddStartup((system, _) =>
            {
                Cluster cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }
        return builder;
    }

    /// <summary>
    /// Cluster Bootstrap, when the node finds its cluster through discovery (<see cref="NodeOptions.Bootstrap"/>): this
    /// node's contact point endpoint, then the bootstrap coordinator, which joins the node to the cluster a contact
    /// point reports, or forms one; never a fixed seed list.
    /// </summary>
    public static AkkaConfigurationBuilder WithClusterBootstrap(this AkkaConfigurationBuilder builder, NodeOptions options)
    {
        if (!options.Bootstrap.Enabled) return builder;
        builder.AddHocon(ClusterBootstrap.DefaultConfiguration(), HoconAddMode.Append);
        if (options.Bootstrap.Discovery == Discovery.Kubernetes) builder.AddHocon(KubernetesDiscovery.DefaultConfiguration(), HoconAddMode.Append);
        return builder.AddStartup(async (system, _) =>
        {
            int port = options.Bootstrap.ManagementPort;
            ContactPointEndpoint.Start(system, options.Hostname, port);
            ClusterBootstrap bootstrap = ClusterBootstrap.Get(system);
            // Tells bootstrap its own contact point (Akka.Management's HTTP server would, when it binds): the join
            // decider recognises itself among the discovered contact points by this host and port.
            bootstrap.Routes(ManagementRouteProviderSettings.Create(new Uri($"http://{options.PublicHostname ?? options.Hostname}:{port}/"), readOnly: true));
            await bootstrap.Start();
        });
    }

    /// <summary>The "book" shard region: hosts book entities on nodes with the book role, a proxy elsewhere.</summary>
    public static AkkaConfigurationBuilder WithBookShards(this AkkaConfigurationBuilder builder, NodeOptions options)
    {
        var extractor = new BookMessageExtractor(options.MaxShards);
        if (options.CarriesBooks)
        {
            return builder.WithShardRegion<BookRegion>("book",
                entityId => BookActor.Props(entityId, options.Books, BookChildren(entityId, options)),
                extractor,
                new ShardOptions { Role = "book", RememberEntities = false, HandOffStopMessage = StopBook.Instance });
        }
        return builder.WithShardRegionProxy<BookRegion>("book", "book", extractor);
    }

    /// <summary>What runs beside each book: one pipeline child for its features and its predictions.</summary>
    private static Dictionary<string, Props> BookChildren(string entityId, NodeOptions options)
    {
        var children = new Dictionary<string, Props>();
        if (options.Features.Enabled || options.Prediction.Enabled)
            children[BookPipelineActor.ChildName] = BookPipelineActor.Props(entityId, options.Features, options.Prediction, options.Books.Publish);
        return children;
    }

    /// <summary>The inspection host that `quantumflow pbm` talks to (on unless <see cref="NodeOptions.Inspection"/> says off).</summary>
    public static AkkaConfigurationBuilder WithInspection(this AkkaConfigurationBuilder builder, NodeOptions options) =>
        options.Inspection.Enabled ? builder.AddStartup((system, registry) => InspectionHost.Start(system, registry, options)) : builder;
}

/// <summary>Registry key of the book shard region (or its proxy).</summary>
public sealed class BookRegion;
