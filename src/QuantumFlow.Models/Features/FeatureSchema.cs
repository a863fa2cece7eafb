using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;

namespace QuantumFlow.Models.Features;

/// <summary>
/// The ordered feature names of one <see cref="FeatureOptions"/>: position i of every vector and row is
/// <c>Names[i]</c>. Shared and immutable, so vectors and rows carry a reference instead of names.
/// </summary>
public sealed class FeatureSchema
{
    private static readonly ConcurrentDictionary<FeatureOptions, FeatureSchema> Cache = new();
    private readonly FrozenDictionary<string, int> _index;

    internal FeatureSchema(FeatureOptions options, IEnumerable<string> names)
    {
        Options = options;
        Names = [.. names];
        _index = Names.Select((n, i) => KeyValuePair.Create(n, i)).ToFrozenDictionary(StringComparer.Ordinal);
        if (_index.Count != Names.Length) throw new InvalidOperationException("feature names must be unique");
    }

    /// <summary>The schema of the default options (152 features: 115 and 37 relative forms).</summary>
    public static FeatureSchema Default => For(FeatureOptions.Default);

    public FeatureOptions Options { get; }
    public ImmutableArray<string> Names { get; }
    public int Count => Names.Length;

    /// <summary>The schema an engine with these options emits, without running one.</summary>
    public static FeatureSchema For(FeatureOptions options) => Cache.GetOrAdd(options, o => new FeatureEngine(o).Schema);

    /// <exception cref="KeyNotFoundException">no feature has that name under these options.</exception>
    public int IndexOf(string name) =>
        _index.TryGetValue(name, out int i) ? i : throw new KeyNotFoundException($"no feature named '{name}' in this schema");

    public bool TryGetIndex(string name, out int index) => _index.TryGetValue(name, out index);

    public bool Contains(string name) => _index.ContainsKey(name);
}
