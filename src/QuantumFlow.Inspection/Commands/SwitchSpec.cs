namespace QuantumFlow.Inspection.Commands;

/// <summary>A switch of an inspection command, pbm style: <c>-a ADDR</c> or <c>--address ADDR</c>; every switch takes a value.</summary>
public sealed record SwitchSpec(string Short, string Long, string ValueName, string Description)
{
    public bool Required { get; init; }
    public string? Default { get; init; }
    /// <summary>Values offered by completion (region types, log levels); any value is still accepted unless validated by the handler.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>The key a handler reads the value by: the long name without dashes.</summary>
    public string Key => Long.TrimStart('-');

    public bool Matches(string token) => token == Short || token == Long;
}
