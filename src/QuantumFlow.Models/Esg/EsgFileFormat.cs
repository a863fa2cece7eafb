namespace QuantumFlow.Models.Esg;

/// <summary>The two input formats, chosen by file extension (.csv, .json).</summary>
public enum EsgFileFormat
{
    Json,
    Csv,
}
