using Akka.Actor;
using Akka.Cluster;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// Every feed of the cluster, wherever it runs. A feed placed by the cluster (<see cref="FeedPlacement"/>) is a
/// singleton whose name is also the role of every node given it, so the members' roles name every feed; the singleton
/// runs under its manager on one of those nodes, and each is asked whether it holds it. A feed some node started
/// itself, outside the cluster's placement, is found on this node only (<see cref="FeedDirectory"/>).
/// </summary>
public sealed class FeedRoster(InspectionContext context)
{
    /// <summary>One feed: the node running it (null while it runs nowhere: its node died and the cluster has not started it elsewhere yet) and its status (null without an answer).</summary>
    public sealed record Entry(string Name, string? Node, FeedStatus? Status);

    /// <summary>How long asking a node whether it holds a feed may take: an absent actor answers at once.</summary>
    private static readonly TimeSpan IdentifyTimeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<Entry>> QueryAsync()
    {
        Cluster cluster = Cluster.Get(context.System);
        var members = cluster.State.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving or MemberStatus.Joining)
            .Where(m => !cluster.State.Unreachable.Contains(m)).ToList();
        var placed = cluster.State.Members.SelectMany(m => m.Roles).Where(r => r.StartsWith(FeedDirectory.NamePrefix, StringComparison.Ordinal))
            .Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
        var entries = (await Task.WhenAll(placed.Select(feed => FindAsync(feed, members.Where(m => m.HasRole(feed)).ToList())))).ToList();
        var local = await new FeedDirectory(context).QueryAsync();
        string self = cluster.SelfAddress.ToString();
        entries.AddRange(local.Where(l => !placed.Contains(l.Name)).Select(l => new Entry(l.Name, self, l.Status)));
        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    private async Task<Entry> FindAsync(string feed, IReadOnlyList<Member> candidates)
    {
        var held = await Task.WhenAll(candidates.Select(async m =>
        {
            ActorSelection singleton = context.System.ActorSelection(new RootActorPath(m.Address) / "user" / feed / FeedPlacement.SingletonName);
            try
            {
                ActorIdentity id = await singleton.Ask<ActorIdentity>(new Identify(feed), IdentifyTimeout);
                return (m.Address, Ref: id.Subject);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return (m.Address, Ref: (IActorRef?)null);
            }
        }));
        if (held.FirstOrDefault(h => h.Ref is not null) is not { Ref: { } running } at) return new Entry(feed, null, null);
        try
        {
            return new Entry(feed, at.Address.ToString(), await running.Ask<FeedStatus>(GetFeedStatus.Instance, context.AskTimeout));
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return new Entry(feed, at.Address.ToString(), null);
        }
    }
}
