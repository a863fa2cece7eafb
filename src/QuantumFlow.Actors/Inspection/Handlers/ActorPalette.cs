using Akka.Actor;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary><c>actor hierarchy</c>: this node's actor tree, read from the actor cells rather than by messaging every actor.</summary>
public sealed class ActorPalette(InspectionContext context) : IPaletteHandler
{
    /// <summary>A node with thousands of books has thousands of entities; the answer stays readable and bounded.</summary>
    public const int MaxRows = 5_000;

    public string Palette => "actor";

    public async Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel)
    {
        int depth = call.GetInt("depth", 0, 64);
        string start = call.Require("start");
        IActorRef? root = await ResolveAsync(start);
        if (root is null) return CommandOutcome.Failed($"no actor at {start} on this node");
        var rows = new List<IReadOnlyList<object?>>();
        bool truncated = ActorTree.Walk(root, depth, MaxRows, (actor, level, children) =>
            rows.Add([actor.Path.ToStringWithoutAddress(), level, children]));
        await output.TableAsync("actors", ["path", "depth", "children"], rows);
        if (truncated) await output.NoteAsync($"only the first {MaxRows} actors are listed: give a deeper --start or a smaller --depth");
        return CommandOutcome.Ok;
    }

    private async Task<IActorRef?> ResolveAsync(string path)
    {
        var system = (ExtendedActorSystem)context.System;
        if (path is "" or "/") return system.Provider.RootGuardian;
        try
        {
            return await system.ActorSelection(path.StartsWith('/') ? path : "/" + path).ResolveOne(TimeSpan.FromSeconds(3));
        }
        catch (ActorNotFoundException)
        {
            return null;
        }
    }
}
