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
        var feeds = guardian.Children.Where(c => c.Path.Name.StartsWith(NamePrefix, StringComparison.Ordinal))
            .OrderBy(c => c.Path.Name, StringComparer.Ordinal).ToList();
        return await Task.WhenAll(feeds.Select(async f =>
        {
            try
            {
                return (f.Path.Name, (FeedStatus?)await f.Ask<FeedStatus>(GetFeedStatus.Instance, context.AskTimeout));
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return (f.Path.Name, null);
            }
        }));
    }
}
