using Akka.Actor;
using QuantumFlow.Actors.Feeds.Common;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// The feeds of this node and their status. A node names its feed actors <c>/user/feed-KIND</c> (see FeedSpec), which
/// is how they are found; feeds are node-local. Shared by <c>feed status</c> and the web host.
/// </summary>
public sealed class FeedDirectory(InspectionContext context)
{
    public const string NamePrefix = "feed-";

    /// <returns>every feed actor by name, with its status, or null when it did not answer in time.</returns>
    public async Task<IReadOnlyList<(string Name, FeedStatus? Status)>> QueryAsync()
    {
        var guardian = (ActorRefWithCell)((ExtendedActorSystem)context.System).Guardian;
        // A feed placed by the cluster runs under its singleton manager on one node; the others hold only a standby
        // manager (and the proxy), which are not feeds.
        var feeds = guardian.Children.Where(c => c.Path.Name.StartsWith(NamePrefix, StringComparison.Ordinal) && !c.Path.Name.EndsWith("-proxy", StringComparison.Ordinal))
            .Select(c => c is ActorRefWithCell { Children: var children } && children.FirstOrDefault(k => k.Path.Name == Hosting.FeedPlacement.SingletonName) is { } active
                ? active
                : IsManager(c) ? null : c)
            .OfType<IActorRef>()
            .OrderBy(c => Name(c), StringComparer.Ordinal).ToList();
        return await Task.WhenAll(feeds.Select(async f =>
        {
            try
            {
                return (Name(f), (FeedStatus?)await f.Ask<FeedStatus>(GetFeedStatus.Instance, context.AskTimeout));
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return (Name(f), null);
            }
        }));
    }

    private static string Name(IActorRef feed) => feed.Path.Name == Hosting.FeedPlacement.SingletonName ? feed.Path.Parent.Name : feed.Path.Name;

    private static bool IsManager(IActorRef actor) =>
        actor is ActorRefWithCell { Underlying: ActorCell { Props.Type: var type } } && type == typeof(Akka.Cluster.Tools.Singleton.ClusterSingletonManager);
}
