namespace QuantumFlow.Models.Esg;

/// <summary>One problem in an input: which source, which row ("line 4", "company 2") and which field, and what is wrong.</summary>
public sealed record EsgDataError(string Source, string Row, string Field, string Message)
{
    public override string ToString() => $"{Source}: {Row}, field '{Field}': {Message}";
}
