using Akka.Actor;
using QuantumFlow.Models.Prediction;

namespace QuantumFlow.Actors.Prediction;

/// <summary>
/// The node's model actors, one per trained batch model instance, created on first use by whichever book asks first,
/// so books created later by sharding find them without wiring at startup; and the models its books follow in their
/// own predictors, for inspection.
/// </summary>
public sealed class ModelHosts : IExtension
{
    private readonly ExtendedActorSystem _system;
    private readonly Dictionary<IProbabilisticModel, IActorRef> _actors = new(ReferenceEqualityComparer.Instance);
    private readonly List<IIncrementalModel> _followed = [];
    private readonly Lock _lock = new();

    public ModelHosts(ExtendedActorSystem system) => _system = system;

    public static ModelHosts Get(ActorSystem system) => system.WithExtension<ModelHosts, ModelHostsProvider>();

    /// <summary>The model actors started on this node so far.</summary>
    public IReadOnlyList<IActorRef> Hosted
    {
        get
        {
            lock (_lock) return [.. _actors.Values];
        }
    }

    /// <summary>The trained models the books of this node follow in their own predictors (no actor: see <see cref="Follows"/>).</summary>
    public IReadOnlyList<IIncrementalModel> Followed
    {
        get
        {
            lock (_lock) return [.. _followed];
        }
    }

    /// <summary>A book of this node follows <paramref name="model"/>: listed by <c>model list</c> with the node's usage of it.</summary>
    public void Follows(IIncrementalModel model)
    {
        lock (_lock)
        {
            if (!_followed.Contains(model, ReferenceEqualityComparer.Instance)) _followed.Add(model);
        }
    }

    public IActorRef For(IProbabilisticModel model)
    {
        lock (_lock)
        {
            if (!_actors.TryGetValue(model, out IActorRef? actor))
            {
                string name = $"model-{Uri.EscapeDataString(model.Name)}-{_actors.Count}";
                actor = _system.SystemActorOf(ModelActor.Props(model), name);
                _actors[model] = actor;
            }
            return actor;
        }
    }
}

/// <summary>Akka extension id of <see cref="ModelHosts"/>.</summary>
public sealed class ModelHostsProvider : ExtensionIdProvider<ModelHosts>
{
    public override ModelHosts CreateExtension(ExtendedActorSystem system) => new(system);
}
