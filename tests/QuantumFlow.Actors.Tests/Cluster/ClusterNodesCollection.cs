namespace QuantumFlow.Actors.Tests.Cluster;

/// <summary>
/// The tests that run several cluster nodes over TCP run one at a time and alone: on a two-core machine, nodes starved
/// by another such test miss heartbeats past the failure detector's pause and are downed by their peers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterNodesCollection
{
    public const string Name = "cluster nodes";
}
