using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// Finds the live book entities of the whole cluster: asks the "book" region of every member with the book role for
/// its shards (the coordinator knows shards, not entities).
/// </summary>
public sealed class BookDirectory(InspectionContext context)
{
    public const string RegionType = "book";

    /// <returns>the books found, and the nodes that did not answer.</returns>
    /// <summary>The entity id an operator means (see <see cref="BookResolver"/>), asking the cluster for live books only when needed.</summary>
    /// <exception cref="Commands.CommandUsageException">no live book has the symbol, or several venues do.</exception>
    public async Task<string> ResolveAsync(string typed) =>
        BookResolver.IsEntityId(typed) ? typed : BookResolver.Resolve(typed, (await ListAsync()).Books.Select(b => b.EntityId));

    public async Task<(IReadOnlyList<BookLocation> Books, IReadOnlyList<string> Silent)> ListAsync()
    {
        var members = Cluster.Get(context.System).State.Members
            .Where(m => m.HasRole(RegionType) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving)
            .ToList();
        var answers = await Task.WhenAll(members.Select(async m =>
        {
            ActorSelection region = context.System.ActorSelection(new RootActorPath(m.Address) / "system" / "sharding" / RegionType);
            try
            {
                CurrentShardRegionState state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, context.AskTimeout);
                return (Node: m.Address.ToString(), State: (CurrentShardRegionState?)state);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return (Node: m.Address.ToString(), State: null);
            }
        }));
        var books = answers.Where(a => a.State is not null)
            .SelectMany(a => a.State!.Shards.SelectMany(s => s.EntityIds.Select(id => new BookLocation(id, a.Node, s.ShardId))))
            .OrderBy(b => b.EntityId, StringComparer.Ordinal).ThenBy(b => b.Node, StringComparer.Ordinal)
            .ToList();
        return (books, answers.Where(a => a.State is null).Select(a => a.Node).ToList());
    }
}
