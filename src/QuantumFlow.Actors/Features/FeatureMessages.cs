using QuantumFlow.Actors.Books;

namespace QuantumFlow.Actors.Features;

/// <summary>Asks a book (its pipeline child) for its latest feature vector; the answer is a <see cref="FeatureSnapshot"/> or <see cref="NoFeatures"/>.</summary>
public sealed record GetFeatures(string EntityId) : IForChild, IQuantumFlowMessage
{
    public string ChildName => BookPipelineActor.ChildName;
}

/// <summary>The book has produced no feature vector yet (no valid book since it started).</summary>
public sealed record NoFeatures(string EntityId) : IQuantumFlowMessage;

/// <summary>
/// A book's latest feature vector, as published (at most every publish interval, latest wins) and as answered.
/// <paramref name="Names"/>[i] names <paramref name="Values"/>[i] (see docs/FEATURES.md).
/// </summary>
public sealed record FeatureSnapshot(string EntityId, long Sequence, long TimeNs, long ExchangeTimeNs, long ReceiveTimeNs, IReadOnlyList<string> Names, IReadOnlyList<double> Values) : IQuantumFlowMessage
{
    public double this[string name]
    {
        get
        {
            for (int i = 0; i < Names.Count; i++)
            {
                if (Names[i] == name) return Values[i];
            }
            throw new KeyNotFoundException($"no feature '{name}'");
        }
    }
}
