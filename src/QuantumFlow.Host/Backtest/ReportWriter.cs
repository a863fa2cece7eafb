using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuantumFlow.Host.Backtest;

/// <summary>Writes report.json and the self-contained report.html into a directory (created if missing).</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Undefined metrics are null; an infinite ratio must still serialize rather than throw.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new PriceJsonConverter(), new QuantityJsonConverter(), new JsonStringEnumConverter() },
    };

    /// <returns>The two files written.</returns>
    public static IReadOnlyList<string> Write(BacktestReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        string json = Path.Combine(directory, "report.json"), html = Path.Combine(directory, "report.html");
        File.WriteAllText(json, JsonSerializer.Serialize(report, Json));
        File.WriteAllText(html, ReportHtml.Render(report));
        return [json, html];
    }
}
