namespace QuantumFlow.Inspection.Commands;

/// <summary>A group of commands, as pbm calls them (<c>cluster</c>, <c>cluster-sharding</c>, <c>book</c>, ...).</summary>
public sealed record PaletteSpec(string Name, string Description, IReadOnlyList<CommandSpec> Commands)
{
    public CommandSpec? Find(string command) => Commands.FirstOrDefault(c => c.Name == command);
}
