using System.Text.Json;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Host.Inspection;

/// <summary>
/// <c>--json</c>: one JSON object per command, <c>{node, command, exit, error, tables: {title: [row objects]}, notes}</c>,
/// its rows as objects keyed by column so <c>jq '.tables.members[].address'</c> works; a streaming command writes each
/// row as one compact JSON line as it arrives, then the same summary on one line.
/// </summary>
public sealed class JsonRenderer(TextWriter output) : ICommandRenderer
{
    private readonly List<TableFrame> _tables = new();
    private readonly List<string> _notes = new();
    private bool _streamed;

    public void Frame(InspectionFrame frame)
    {
        switch (frame)
        {
            case TableFrame t: _tables.Add(t); break;
            case NoteFrame n: _notes.Add(n.Text); break;
            case RowFrame r:
                _streamed = true;
                output.WriteLine(Write(w => WriteRow(w, r.Columns, r.Values), indented: false));
                output.Flush();
                break;
        }
    }

    public void End(string command, string node, EndFrame end)
    {
        output.WriteLine(Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("node", node);
            w.WriteString("command", command);
            w.WriteNumber("exit", end.Exit);
            if (end.Error is null) w.WriteNull("error");
            else w.WriteString("error", end.Error);
            w.WriteStartObject("tables");
            var titles = new HashSet<string>();
            foreach (TableFrame t in _tables)
            {
                string title = t.Title;
                for (int i = 2; !titles.Add(title); i++) title = $"{t.Title}-{i}";
                w.WriteStartArray(title);
                foreach (IReadOnlyList<object?> row in t.Rows) WriteRow(w, t.Columns, row);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteStartArray("notes");
            foreach (string n in _notes) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteEndObject();
        }, indented: !_streamed));
        output.Flush();
        _tables.Clear();
        _notes.Clear();
        _streamed = false;
    }

    private static void WriteRow(Utf8JsonWriter w, IReadOnlyList<string> columns, IReadOnlyList<object?> values)
    {
        w.WriteStartObject();
        for (int i = 0; i < columns.Count; i++)
        {
            w.WritePropertyName(columns[i]);
            FrameCodec.WriteCell(w, i < values.Count ? values[i] : null);
        }
        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(w);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
