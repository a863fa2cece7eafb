using Akka.Actor;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// Walks local actors through their cells' child containers. Those containers are immutable snapshots, so reading
/// them from outside the actors is safe; an Identify round trip to every actor would be slower and miss none of them.
/// </summary>
public static class ActorTree
{
    /// <param name="visit">actor, its depth below the start, its number of children.</param>
    /// <returns>true when the walk stopped at <paramref name="maxActors"/>.</returns>
    public static bool Walk(IActorRef start, int maxDepth, int maxActors, Action<IActorRef, int, int> visit)
    {
        int seen = 0;
        var stack = new Stack<(IActorRef Actor, int Depth)>();
        stack.Push((start, 0));
        while (stack.Count > 0)
        {
            (IActorRef actor, int depth) = stack.Pop();
            List<IActorRef> children = actor is ActorRefWithCell cell
                ? cell.Children.OrderByDescending(c => c.Path.Name, StringComparer.Ordinal).ToList()
                : [];
            if (seen++ >= maxActors) return true;
            visit(actor, depth, children.Count);
            if (depth >= maxDepth) continue;
            foreach (IActorRef child in children) stack.Push((child, depth + 1));
        }
        return false;
    }
}
