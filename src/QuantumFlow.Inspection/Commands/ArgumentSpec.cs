namespace QuantumFlow.Inspection.Commands;

/// <summary>A positional argument of an inspection command (<c>log set-level LEVEL</c>).</summary>
public sealed record ArgumentSpec(string Name, string Description)
{
    public bool Required { get; init; } = true;
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    public string Key => Name.ToLowerInvariant();
}
