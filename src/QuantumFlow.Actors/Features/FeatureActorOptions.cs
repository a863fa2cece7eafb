using QuantumFlow.Models.Features;

namespace QuantumFlow.Actors.Features;

public sealed record FeatureActorOptions
{
    public bool Enabled { get; init; } = true;
    public FeatureOptions Features { get; init; } = FeatureOptions.Default;
    /// <summary>Publish the latest vector at most this often (latest wins): consumers want the current state, not every tick.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
