using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Features;

/// <summary>
/// The engine's reusable output: one buffer of doubles, overwritten in place by every update, so emitting allocates
/// nothing. Read it before the next update, or copy it out with <see cref="ToRow"/> (for actors, journals, datasets).
/// </summary>
public sealed class FeatureVector
{
    internal FeatureVector(FeatureSchema schema)
    {
        Schema = schema;
        Buffer = new double[schema.Count];
    }

    internal double[] Buffer { get; }

    public FeatureSchema Schema { get; }
    public Venue Venue { get; internal set; }
    public string Symbol { get; internal set; } = "";

    /// <summary>1 for the first vector the engine emitted, then +1 per book update or trade.</summary>
    public long Sequence { get; internal set; }

    /// <summary>The engine's clock at this vector (Unix ns, never decreasing; see <see cref="FeatureClock"/>).</summary>
    public long TimeNs { get; internal set; }

    public long ExchangeTimeNs { get; internal set; }
    public long ReceiveTimeNs { get; internal set; }

    /// <summary>What produced this vector: <see cref="MessageKind.Snapshot"/>, <see cref="MessageKind.Delta"/> or <see cref="MessageKind.Trade"/>.</summary>
    public MessageKind Trigger { get; internal set; }

    /// <summary>Book updates (snapshots and deltas) seen so far.</summary>
    public long BookUpdates { get; internal set; }

    public int Count => Buffer.Length;
    public ReadOnlySpan<double> Values => Buffer;

    public double this[int index] => Buffer[index];

    /// <summary>By name, through the schema's dictionary: convenient, not for the hot path (resolve the index once).</summary>
    public double this[string name] => Buffer[Schema.IndexOf(name)];

    public void CopyTo(Span<double> destination) => Buffer.AsSpan().CopyTo(destination);

    /// <summary>An immutable copy, safe to send to other threads and actors.</summary>
    public FeatureRow ToRow() =>
        new(Schema, Venue, Symbol, Sequence, TimeNs, ExchangeTimeNs, ReceiveTimeNs, Trigger, [.. Buffer]);
}
