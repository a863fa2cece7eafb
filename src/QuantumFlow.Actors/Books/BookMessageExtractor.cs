using Akka.Cluster.Sharding;

namespace QuantumFlow.Actors.Books;

/// <summary>Routes every <see cref="IWithBookId"/> message to its book entity; shards by a stable hash of the entity id.</summary>
public sealed class BookMessageExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => message is IWithBookId m ? m.EntityId : null;
}
