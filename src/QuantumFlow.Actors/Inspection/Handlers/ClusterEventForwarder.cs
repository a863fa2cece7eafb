using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>Subscribes to cluster events for one <c>cluster tail</c> and hands them to it; stopped when the tail ends.</summary>
public sealed class ClusterEventForwarder : ReceiveActor
{
    public ClusterEventForwarder(ChannelWriter<ClusterEvent.IClusterDomainEvent> events)
    {
        Receive<ClusterEvent.IClusterDomainEvent>(e => events.TryWrite(e));
    }

    public static Props Props(ChannelWriter<ClusterEvent.IClusterDomainEvent> events) =>
        Akka.Actor.Props.Create(() => new ClusterEventForwarder(events));

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
