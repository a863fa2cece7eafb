using System.Collections.Immutable;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Features;

/// <summary>An immutable copy of one <see cref="FeatureVector"/>; <c>Values[i]</c> is the feature <c>Schema.Names[i]</c>.</summary>
public sealed record FeatureRow(
    FeatureSchema Schema,
    Venue Venue,
    string Symbol,
    long Sequence,
    long TimeNs,
    long ExchangeTimeNs,
    long ReceiveTimeNs,
    MessageKind Trigger,
    ImmutableArray<double> Values)
{
    public double this[string name] => Values[Schema.IndexOf(name)];
}
