namespace QuantumFlow.Host.Tests.Inspection;

/// <summary>
/// The tests that start `quantumflow` processes (clusters of two or three, kill -9, restarts) run one at a time and
/// alone: on a two-core machine two of them at once are six nodes starving each other, and a node whose heartbeats
/// stall past the failure detector's pause is downed by its peers, which is the failure these tests look for, not one
/// the machine should cause.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodeProcessCollection
{
    public const string Name = "node processes";
}
