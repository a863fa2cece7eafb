using Akka.Actor;
using Akka.Cluster.Sharding;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary><c>cluster-sharding ...</c>: the shard regions of this node and where each region's shards and entities live.</summary>
public sealed class ShardingPalette(InspectionContext context) : IPaletteHandler
{
    /// <summary>Regions QuantumFlow starts; a node that only proxies one still lists it.</summary>
    private static readonly string[] KnownTypes = ["book"];

    public string Palette => "cluster-sharding";

    public Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel) => call.Spec.Name switch
    {
        "regions" => RegionsAsync(output),
        "region-stats" => StatsAsync(call.Require("region"), output, perShard: false),
        "shard-stats" => StatsAsync(call.Require("region"), output, perShard: true),
        _ => Task.FromResult(CommandOutcome.Failed($"{call.Spec.FullName} has no handler")),
    };

    private async Task<CommandOutcome> RegionsAsync(IInspectionOutput output)
    {
        ClusterSharding sharding = ClusterSharding.Get(context.System);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (string type in sharding.ShardTypeNames.Union(KnownTypes).OrderBy(t => t, StringComparer.Ordinal))
        {
            if (Region(type) is not { } region) continue;
            CurrentShardRegionState state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, context.AskTimeout);
            string mode = sharding.ShardTypeNames.Contains(type) && !region.Path.Name.EndsWith("Proxy", StringComparison.Ordinal) ? "region" : "proxy";
            rows.Add([type, mode, region.Path.ToStringWithoutAddress(), state.Shards.Count, state.Shards.Sum(s => s.EntityIds.Count)]);
        }
        await output.TableAsync("regions", ["type", "mode", "path", "shards", "entities"], rows);
        if (rows.Count == 0) await output.NoteAsync("no shard region is started on this node");
        return CommandOutcome.Ok;
    }

    private async Task<CommandOutcome> StatsAsync(string type, IInspectionOutput output, bool perShard)
    {
        if (Region(type) is not { } region)
            return CommandOutcome.Failed($"no shard region '{type}' on this node (see cluster-sharding regions)");
        TimeSpan timeout = context.AskTimeout;
        // The coordinator asks every region itself and answers once all have (or its timeout passed).
        ClusterShardingStats stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout / 2), timeout);
        var regions = stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).ToList();
        if (perShard)
        {
            var rows = regions.SelectMany(r => r.Value.Stats.OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => (IReadOnlyList<object?>)[r.Key.ToString(), s.Key, s.Value])).ToList();
            await output.TableAsync($"shards of {type}", ["node", "shard", "entities"], rows);
        }
        else
        {
            var rows = regions.Select(r => (IReadOnlyList<object?>)
                [r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum(), string.Join(",", r.Value.Failed ?? [])]).ToList();
            await output.TableAsync($"region {type}", ["node", "shards", "entities", "failed"], rows);
        }
        if (regions.Count == 0) await output.NoteAsync($"no region of type '{type}' has registered with the coordinator yet");
        return CommandOutcome.Ok;
    }

    /// <summary>The local region of a type, or the proxy of one where this node does not host it; null if neither is started.</summary>
    private IActorRef? Region(string type)
    {
        ClusterSharding sharding = ClusterSharding.Get(context.System);
        try
        {
            return sharding.ShardRegion(type);
        }
        catch (ArgumentException)
        {
        }
        try
        {
            return sharding.ShardRegionProxy(type);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
