using System.Text.Json;

namespace QuantumFlow.Models.Esg;

/// <summary>
/// Reads the records of an input as <see cref="EsgRow"/>s: CSV lines (labelled "line N"), or the entries of a JSON
/// array, given bare or under <c>arrayProperty</c> of a top-level object (labelled "entry N", with its line when JSON is malformed).
/// </summary>
internal static class EsgRecords
{
    public static EsgFileFormat FormatOf(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => EsgFileFormat.Csv,
            ".json" => EsgFileFormat.Json,
            _ => throw new EsgDataException(path, "(file)", "(format)", "unknown file type: expected .csv or .json"),
        };

    public static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EsgDataException(path, "(file)", "(file)", e.Message);
        }
    }

    /// <summary>Throws every error in input order (rows by number; file-level problems first).</summary>
    public static void ThrowIfAny(List<EsgDataError> errors)
    {
        if (errors.Count == 0) return;
        static int Order(EsgDataError e) => int.TryParse(e.Row.AsSpan(e.Row.LastIndexOf(' ') + 1), out int n) ? n : 0;
        throw new EsgDataException(errors.OrderBy(Order).ToList());
    }

    public static List<EsgRow> Read(string text, string source, EsgFileFormat format, string arrayProperty,
        IReadOnlyList<string> known, List<EsgDataError> errors, out JsonElement? root)
    {
        root = null;
        if (format == EsgFileFormat.Csv) return CsvTable.Read(text, source, known, errors);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            errors.Add(new EsgDataError(source, e.LineNumber is long line ? $"line {line + 1}" : "(document)", "(json)", $"malformed JSON: {e.Message}"));
            return [];
        }
        using (document)
        {
            JsonElement top = document.RootElement.Clone();
            root = top;
            JsonElement array = top;
            if (top.ValueKind == JsonValueKind.Object && top.TryGetProperty(arrayProperty, out JsonElement inner)) array = inner;
            if (array.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new EsgDataError(source, "(document)", arrayProperty, $"expected an array of {arrayProperty}, or an object with a \"{arrayProperty}\" array"));
                return [];
            }
            var rows = new List<EsgRow>();
            int n = 0;
            foreach (JsonElement entry in array.EnumerateArray())
            {
                string label = $"entry {++n}";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new EsgDataError(source, label, "(entry)", "expected an object"));
                    continue;
                }
                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (JsonProperty p in entry.EnumerateObject())
                    values[p.Name] = p.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => string.IsNullOrWhiteSpace(p.Value.GetString()) ? null : p.Value.GetString()!.Trim(),
                        _ => p.Value.GetRawText(),
                    };
                var row = new EsgRow(source, label, values);
                row.RejectUnknown(known, errors);
                rows.Add(row);
            }
            return rows;
        }
    }
}
