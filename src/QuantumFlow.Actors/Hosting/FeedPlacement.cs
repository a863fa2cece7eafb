using Akka;
using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Event;

namespace QuantumFlow.Actors.Hosting;

/// <summary>
/// Feeds are placed by the cluster, not by the process that happened to start them: every node given a feed runs a
/// cluster singleton manager for it (named <see cref="FeedSpec.ActorName"/>) and carries a cluster role of that name
/// (<see cref="WithFeedRole"/>), and the feed runs on the oldest of those nodes. When that node dies or leaves, the feed starts on the next: a live feed connects and resyncs from fresh
/// snapshots, a replay resumes after the last position its books had journaled (its cursor is in the shared journal),
/// so nothing is journaled twice. The proxy returned reaches the feed wherever it runs.
/// </summary>
public static class FeedPlacement
{
    /// <summary>The name of the feed actor under its singleton manager.</summary>
    public const string SingletonName = "singleton";

    /// <summary>
    /// The node's options with the feed's role: a singleton runs on the oldest node with its role, so the role is what
    /// keeps each feed on the nodes that were given it (without it, a feed given to a younger node only would never run).
    /// </summary>
    public static NodeOptions WithFeedRole(NodeOptions options, FeedSpec spec) =>
        options.Roles.Contains(spec.ActorName) ? options : options with { Roles = [.. options.Roles, spec.ActorName] };

    /// <returns>a proxy to the feed (it buffers while the feed moves).</returns>
    public static IActorRef Start(ActorSystem system, FeedSpec spec, IActorRef books)
    {
        system.ActorOf(ClusterSingletonManager.Props(spec.Props(books), PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(system).WithSingletonName(SingletonName).WithRole(spec.ActorName)), spec.ActorName);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "stop-feed-" + spec.ActorName,
            () => StopLocalFeedAsync(system, spec));
        return system.ActorOf(ClusterSingletonProxy.Props("/user/" + spec.ActorName,
            ClusterSingletonProxySettings.Create(system).WithSingletonName(SingletonName).WithRole(spec.ActorName)), spec.ActorName + "-proxy");
    }

    /// <summary>
    /// A leaving node stops the feed it runs before its shard region hands its books off. The singleton manager would
    /// stop it only at the hand-over, after the region: until then the feed kept sending, its batches were buffered for
    /// shards whose coordinator was leaving, and the region waited out its whole timeout (10 s) before it stopped.
    /// Stopped first, the feed's last batches reach books that are still there; the next node's feed resumes after the
    /// last position they journaled, as after any hand-over.
    /// </summary>
    private static async Task<Done> StopLocalFeedAsync(ActorSystem system, FeedSpec spec)
    {
        IActorRef feed;
        try
        {
            feed = await system.ActorSelection($"/user/{spec.ActorName}/{SingletonName}").ResolveOne(TimeSpan.FromSeconds(1));
        }
        catch (ActorNotFoundException)
        {
            return Done.Instance; // the feed runs on another node
        }
        try
        {
            await feed.GracefulStop(TimeSpan.FromSeconds(3));
        }
        catch (Exception e) when (e is TaskCanceledException or AskTimeoutException)
        {
            system.Log.Warning("feed {0} did not stop within 3 s; the node leaves without waiting for it", spec.ActorName);
        }
        return Done.Instance;
    }
}
