using Akka.Actor;
using Akka.Hosting;
using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>What the handlers reach the node through: its actor system, its registry of well-known actors, its journal.</summary>
public sealed record InspectionContext(ActorSystem System, IActorRegistry Registry, JournalOptions Journal)
{
    /// <summary>How long a handler waits for any one actor's answer.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
