using System.Text.Json;
using System.Text.Json.Serialization;
using QuantumFlow.Models.Backtest;

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
        // Both rendered before either is written, each written under a temporary name and moved: a failure leaves
        // no half-written report (nor a new report.json beside an old report.html).
        (string Path, string Text)[] files = [(json, JsonSerializer.Serialize(report, Json)), (html, ReportHtml.Render(report))];
        try
        {
            foreach ((string path, string text) in files) File.WriteAllText(path + ".partial", text);
            foreach ((string path, _) in files) File.Move(path + ".partial", path, overwrite: true);
        }
        finally
        {
            foreach ((string path, _) in files)
            {
                if (File.Exists(path + ".partial")) File.Delete(path + ".partial");
            }
        }
        return [json, html];
    }
}
