using System.Text.Json;

namespace QuantumFlow.Host.Tests.Inspection;

/// <summary>What `quantumflow pbm --json` printed for one command, with its exit code.</summary>
public sealed record PbmAnswer(int Exit, string Output, string Error)
{
    private JsonElement Root => JsonDocument.Parse(Output).RootElement;

    /// <summary>A table's rows, each a column → JSON value map.</summary>
    public List<Dictionary<string, JsonElement>> Rows(string table) =>
        Root.GetProperty("tables").GetProperty(table).EnumerateArray()
            .Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())).ToList();

    public string Table(string table) => Root.GetProperty("tables").GetProperty(table).GetRawText();

    public override string ToString() => $"exit {Exit}\n{Output}\n{Error}";
}
