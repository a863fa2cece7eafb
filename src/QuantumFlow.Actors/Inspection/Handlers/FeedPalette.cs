using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// <c>feed status</c>: every feed of the cluster (<see cref="FeedRoster"/>), the node running it, and what it delivers
/// to each of its books. Any node answers for all of them.
/// </summary>
public sealed class FeedPalette(InspectionContext context) : IPaletteHandler
{
    public const string NamePrefix = FeedDirectory.NamePrefix;

    public string Palette => "feed";

    public async Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel)
    {
        var feeds = await new FeedRoster(context).QueryAsync();
        await output.TableAsync("feeds", ["feed", "node", "venue", "state", "feed-run", "symbols", "events", "acked", "position", "connects", "reconnects", "messages", "bad", "snapshots", "resends", "last-error"],
            feeds.Select(f => (IReadOnlyList<object?>)(f.Status is { } st
                ? [f.Name, f.Node, st.Venue.ToString(), st.State.ToString(), st.FeedRun, string.Join(" ", st.Books.Select(b => b.EntityId)),
                    st.Books.Sum(b => b.Events), st.Books.Sum(b => b.Acknowledged), st.Position,
                    st.Connects, st.Reconnects, st.Messages, st.BadMessages, st.SnapshotsFetched, st.Resends, st.LastError]
                : [f.Name, f.Node, null, f.Node is null ? "running nowhere" : "no answer", null, null, null, null, null, null, null, null, null, null, null, null])).ToList());
        await output.TableAsync("deliveries", ["feed", "node", "book", "events", "acked", "backlog", "in-flight", "dropped"],
            feeds.Where(f => f.Status is not null)
                .SelectMany(f => f.Status!.Books.OrderBy(b => b.EntityId, StringComparer.Ordinal)
                    .Select(b => (IReadOnlyList<object?>)[f.Name, f.Node, b.EntityId, b.Events, b.Acknowledged, b.Backlog, b.InFlight, b.Dropped])).ToList());
        if (feeds.Count == 0) await output.NoteAsync("the cluster runs no feed");
        // A feed whose node died runs nowhere until the cluster has downed that node and started it on another.
        int nowhere = feeds.Count(f => f.Node is null), silent = feeds.Count(f => f.Node is not null && f.Status is null);
        if (nowhere > 0) await output.NoteAsync($"{nowhere} feed(s) run on no node right now: their node left or died and the cluster is starting them on another");
        return nowhere + silent > 0 ? CommandOutcome.Failed($"{nowhere + silent} feed(s) not running or not answering") : CommandOutcome.Ok;
    }
}
