namespace QuantumFlow.Models.Esg;

/// <summary>
/// A small RFC 4180 reader for the ESG input files: comma-separated, optional double quotes (a doubled quote inside
/// is a quote), header on the first non-blank line, blank lines skipped. Fields may not span lines.
/// </summary>
internal static class CsvTable
{
    /// <summary>Every data row as raw fields keyed by header name (case-insensitive), labelled "line N".</summary>
    public static List<EsgRow> Read(string text, string source, IReadOnlyList<string> known, List<EsgDataError> errors)
    {
        var rows = new List<EsgRow>();
        string[]? header = null;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            string label = $"line {i + 1}";
            if (!TrySplit(line, out List<string> fields, out string? problem))
            {
                errors.Add(new EsgDataError(source, label, "(row)", problem!));
                continue;
            }
            if (header is null)
            {
                header = fields.Select(f => f.Trim()).ToArray();
                foreach (var dup in header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                    errors.Add(new EsgDataError(source, label, dup.Key, "column appears more than once"));
                foreach (string column in header.Where(h => !known.Contains(h, StringComparer.OrdinalIgnoreCase)))
                    errors.Add(new EsgDataError(source, label, column, $"unknown column; expected: {string.Join(", ", known)}"));
                continue;
            }
            if (fields.Count != header.Length)
            {
                errors.Add(new EsgDataError(source, label, "(row)", $"has {fields.Count} fields, the header has {header.Length}"));
                continue;
            }
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (int f = 0; f < header.Length; f++)
                values.TryAdd(header[f], string.IsNullOrWhiteSpace(fields[f]) ? null : fields[f].Trim());
            rows.Add(new EsgRow(source, label, values));
        }
        if (header is null) errors.Add(new EsgDataError(source, "line 1", "(header)", "the file is empty: expected a header line"));
        return rows;
    }

    private static bool TrySplit(string line, out List<string> fields, out string? problem)
    {
        fields = [];
        problem = null;
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch != '"') current.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        if (quoted)
        {
            problem = "a quoted field is not closed on this line";
            return false;
        }
        fields.Add(current.ToString());
        return true;
    }
}
