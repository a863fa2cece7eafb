namespace QuantumFlow.Inspection.Commands;

/// <summary>One command of a palette: its switches and arguments, whether it changes the cluster (needs the token), whether it streams.</summary>
public sealed record CommandSpec(string Palette, string Name, string Description)
{
    public IReadOnlyList<SwitchSpec> Switches { get; init; } = [];
    public IReadOnlyList<ArgumentSpec> Arguments { get; init; } = [];
    public bool ChangesCluster { get; init; }
    /// <summary>Runs until the client cancels (tail); output arrives as rows.</summary>
    public bool Streams { get; init; }

    public string FullName => $"{Palette} {Name}";

    public string Usage =>
        string.Join(' ', new[] { FullName }
            .Concat(Switches.Select(s => s.Required ? $"{s.Short} {s.ValueName}" : $"[{s.Short} {s.ValueName}]"))
            .Concat(Arguments.Select(a => a.Required ? a.Name : $"[{a.Name}]")));
}
