using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary><c>cluster ...</c>: membership as this node sees it, and the membership changes an operator makes.</summary>
public sealed class ClusterPalette(InspectionContext context) : IPaletteHandler
{
    private static readonly string[] MemberColumns = ["address", "status", "roles", "reachable", "leader", "self"];
    private static readonly string[] EventColumns = ["time", "event", "address", "status", "roles"];

    public string Palette => "cluster";

    private Cluster Cluster => Cluster.Get(context.System);

    public Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel) => call.Spec.Name switch
    {
        "show" => ShowAsync(output),
        "status" => StatusAsync(output),
        "leader" => LeaderAsync(output),
        "leave" => ChangeAsync(call, output, "leave", (c, a) => c.Leave(a), "is leaving: its shards are handed over, then it is removed"),
        "down" => ChangeAsync(call, output, "down", (c, a) => c.Down(a), "is marked down: it is removed without a handover"),
        "join" => JoinAsync(call, output),
        "down-unreachable" => DownUnreachableAsync(output),
        "tail" => TailAsync(output, cancel),
        _ => Task.FromResult(CommandOutcome.Failed($"{call.Spec.FullName} has no handler")),
    };

    private async Task<CommandOutcome> ShowAsync(IInspectionOutput output)
    {
        ClusterEvent.CurrentClusterState state = Cluster.State;
        Address self = Cluster.SelfAddress;
        var rows = state.Members.Select(m => (IReadOnlyList<object?>)
        [
            m.Address.ToString(), m.Status.ToString(), string.Join(",", m.Roles.OrderBy(r => r, StringComparer.Ordinal)),
            !state.Unreachable.Contains(m), m.Address.Equals(state.Leader), m.Address.Equals(self),
        ]).ToList();
        await output.TableAsync("members", MemberColumns, rows);
        // Scripts and probes ask `cluster show` whether the node is in the cluster: a node still joining (no seed or
        // contact point answered) must not pass with an empty table.
        Member? member = state.Members.FirstOrDefault(m => m.Address.Equals(self));
        if (member is null) return CommandOutcome.Failed($"this node ({self}) is not a member of any cluster yet");
        if (member.Status is not (MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving or MemberStatus.Exiting))
            return CommandOutcome.Failed($"this node ({self}) is {member.Status}, not yet an up member of the cluster");
        return CommandOutcome.Ok;
    }

    private async Task<CommandOutcome> StatusAsync(IInspectionOutput output)
    {
        ClusterEvent.CurrentClusterState state = Cluster.State;
        Member self = Cluster.SelfMember;
        await output.TableAsync("node",
            ["address", "status", "roles", "leader", "members", "up", "unreachable"],
            [[
                self.Address.ToString(), self.Status.ToString(), string.Join(",", self.Roles.OrderBy(r => r, StringComparer.Ordinal)),
                state.Leader?.ToString(), state.Members.Count, state.Members.Count(m => m.Status == MemberStatus.Up), state.Unreachable.Count,
            ]]);
        return CommandOutcome.Ok;
    }

    private async Task<CommandOutcome> LeaderAsync(IInspectionOutput output)
    {
        ClusterEvent.CurrentClusterState state = Cluster.State;
        var rows = new List<IReadOnlyList<object?>> { new object?[] { "(cluster)", state.Leader?.ToString() } };
        foreach (string role in state.AllRoles.Where(r => !r.StartsWith("dc-", StringComparison.Ordinal)).OrderBy(r => r, StringComparer.Ordinal))
            rows.Add([role, state.RoleLeader(role)?.ToString()]);
        await output.TableAsync("leaders", ["role", "leader"], rows);
        return CommandOutcome.Ok;
    }

    private async Task<CommandOutcome> ChangeAsync(CommandInvocation call, IInspectionOutput output, string verb, Action<Cluster, Address> change, string effect)
    {
        Address address = ParseAddress(call.Require("address"));
        if (!Cluster.State.Members.Any(m => m.Address.Equals(address)))
            return CommandOutcome.Failed($"{address} is not a member of the cluster (see cluster show)");
        change(Cluster, address);
        await output.NoteAsync($"{verb}: {address} {effect}");
        return CommandOutcome.Ok;
    }

    private async Task<CommandOutcome> JoinAsync(CommandInvocation call, IInspectionOutput output)
    {
        Address address = ParseAddress(call.Require("address"));
        Cluster.Join(address);
        await output.NoteAsync($"join: {Cluster.SelfAddress} is joining the cluster at {address}");
        return CommandOutcome.Ok;
    }

    private async Task<CommandOutcome> DownUnreachableAsync(IInspectionOutput output)
    {
        var unreachable = Cluster.State.Unreachable.Select(m => m.Address).ToList();
        foreach (Address a in unreachable) Cluster.Down(a);
        await output.NoteAsync(unreachable.Count == 0 ? "no member is unreachable" : "marked down: " + string.Join(", ", unreachable));
        return CommandOutcome.Ok;
    }

    private async Task<CommandOutcome> TailAsync(IInspectionOutput output, CancellationToken cancel)
    {
        var events = Channel.CreateBounded<ClusterEvent.IClusterDomainEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
        IActorRef forwarder = context.System.ActorOf(ClusterEventForwarder.Props(events.Writer));
        try
        {
            await foreach (ClusterEvent.IClusterDomainEvent e in events.Reader.ReadAllAsync(cancel))
            {
                if (Describe(e) is { } row) await output.RowAsync(EventColumns, row);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client stopped the tail: the normal end of a stream.
        }
        finally
        {
            context.System.Stop(forwarder);
        }
        return CommandOutcome.Ok;
    }

    private static IReadOnlyList<object?>? Describe(ClusterEvent.IClusterDomainEvent e)
    {
        string now = DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        return e switch
        {
            ClusterEvent.MemberStatusChange m => [now, e.GetType().Name, m.Member.Address.ToString(), m.Member.Status.ToString(), string.Join(",", m.Member.Roles)],
            ClusterEvent.ReachabilityEvent r => [now, e.GetType().Name, r.Member.Address.ToString(), r.Member.Status.ToString(), string.Join(",", r.Member.Roles)],
            ClusterEvent.LeaderChanged l => [now, "LeaderChanged", l.Leader?.ToString(), null, null],
            _ => null,
        };
    }

    /// <exception cref="CommandUsageException">not an Akka address.</exception>
    internal static Address ParseAddress(string text)
    {
        try
        {
            Address a = Address.Parse(text);
            if (a.Host is null || a.Port is null) throw new UriFormatException("no host or port");
            return a;
        }
        catch (UriFormatException e)
        {
            throw new CommandUsageException($"'{text}' is not a member address like akka.tcp://quantumflow@127.0.0.1:4053 ({e.Message})");
        }
    }
}
