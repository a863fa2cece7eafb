using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// <c>feed status</c>: the feeds of this node. A node names its feed actors <c>/user/feed-KIND</c> (see FeedSpec),
/// which is how they are found here; feeds are node-local, so ask each node that runs one.
/// </summary>
public sealed class FeedPalette(InspectionContext context) : IPaletteHandler
{
    public const string NamePrefix = FeedDirectory.NamePrefix;

    public string Palette => "feed";

    public async Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel)
    {
        var statuses = await new FeedDirectory(context).QueryAsync();
        await output.TableAsync("feeds", ["feed", "venue", "state", "feed-run", "connects", "reconnects", "messages", "bad", "snapshots", "resends", "last-error"],
            statuses.Select(s => (IReadOnlyList<object?>)(s.Status is { } st
                ? [s.Name, st.Venue.ToString(), st.State.ToString(), st.FeedRun, st.Connects, st.Reconnects, st.Messages, st.BadMessages, st.SnapshotsFetched, st.Resends, st.LastError]
                : [s.Name, null, "no answer", null, null, null, null, null, null, null, null])).ToList());
        await output.TableAsync("deliveries", ["feed", "book", "backlog", "in-flight", "dropped"],
            statuses.Where(s => s.Status is not null)
                .SelectMany(s => s.Status!.Books.OrderBy(b => b.EntityId, StringComparer.Ordinal)
                    .Select(b => (IReadOnlyList<object?>)[s.Name, b.EntityId, b.Backlog, b.InFlight, b.Dropped])).ToList());
        if (statuses.Count == 0) await output.NoteAsync("this node runs no feed (feeds are node-local: ask the node that runs one)");
        int silent = statuses.Count(s => s.Status is null);
        return silent > 0 ? CommandOutcome.Failed($"{silent} feed(s) did not answer") : CommandOutcome.Ok;
    }
}
