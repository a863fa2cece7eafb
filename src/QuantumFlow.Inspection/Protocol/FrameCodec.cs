using System.Text;
using System.Text.Json;

namespace QuantumFlow.Inspection.Protocol;

/// <summary>
/// Frames to and from their one-line JSON form. A line is one JSON object; JSON escapes newlines inside strings, so a
/// newline always ends a frame. Unknown members are ignored, so either side may add some without breaking the other.
/// </summary>
public static class FrameCodec
{
    public static string Encode(InspectionFrame frame)
    {
        var buffer = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            switch (frame)
            {
                case HelloFrame h:
                    w.WriteString("type", "hello");
                    w.WriteNumber("protocol", h.Protocol);
                    w.WriteString("node", h.Node);
                    w.WriteString("version", h.Version);
                    break;
                case RunFrame r:
                    w.WriteString("type", "run");
                    w.WriteNumber("id", r.Id);
                    w.WriteStartArray("words");
                    foreach (string word in r.Words) w.WriteStringValue(word);
                    w.WriteEndArray();
                    if (r.Token is not null) w.WriteString("token", r.Token);
                    break;
                case CancelFrame c:
                    w.WriteString("type", "cancel");
                    w.WriteNumber("id", c.Id);
                    break;
                case TableFrame t:
                    w.WriteString("type", "table");
                    w.WriteNumber("id", t.Id);
                    w.WriteString("title", t.Title);
                    WriteStrings(w, "columns", t.Columns);
                    w.WriteStartArray("rows");
                    foreach (IReadOnlyList<object?> row in t.Rows) WriteCells(w, row);
                    w.WriteEndArray();
                    break;
                case NoteFrame n:
                    w.WriteString("type", "note");
                    w.WriteNumber("id", n.Id);
                    w.WriteString("text", n.Text);
                    break;
                case RowFrame r:
                    w.WriteString("type", "row");
                    w.WriteNumber("id", r.Id);
                    WriteStrings(w, "columns", r.Columns);
                    w.WritePropertyName("values");
                    WriteCells(w, r.Values);
                    break;
                case EndFrame e:
                    w.WriteString("type", "end");
                    w.WriteNumber("id", e.Id);
                    w.WriteNumber("exit", e.Exit);
                    if (e.Error is not null) w.WriteString("error", e.Error);
                    break;
                default:
                    throw new ArgumentException($"{frame.GetType().Name} is not an inspection frame", nameof(frame));
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <exception cref="InspectionProtocolException">not JSON, not an object, an unknown type or a missing member.</exception>
    public static InspectionFrame Decode(string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InspectionProtocolException($"not a JSON frame: {e.Message}");
        }
        using (doc)
        {
            JsonElement o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) throw new InspectionProtocolException("a frame must be a JSON object");
            try
            {
                string type = String(o, "type");
                return type switch
                {
                    "hello" => new HelloFrame(o.GetProperty("protocol").GetInt32(), String(o, "node"), String(o, "version")),
                    "run" => new RunFrame(Id(o), Strings(o, "words"), OptionalString(o, "token")),
                    "cancel" => new CancelFrame(Id(o)),
                    "table" => new TableFrame(Id(o), String(o, "title"), Strings(o, "columns"),
                        o.GetProperty("rows").EnumerateArray().Select(r => (IReadOnlyList<object?>)Cells(r)).ToList()),
                    "note" => new NoteFrame(Id(o), String(o, "text")),
                    "row" => new RowFrame(Id(o), Strings(o, "columns"), Cells(o.GetProperty("values"))),
                    "end" => new EndFrame(Id(o), o.GetProperty("exit").GetInt32(), OptionalString(o, "error")),
                    _ => throw new InspectionProtocolException($"unknown frame type '{type}'"),
                };
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InspectionProtocolException($"malformed frame: {e.Message}");
            }
        }
    }

    private static long Id(JsonElement o) => o.GetProperty("id").GetInt64();

    private static string String(JsonElement o, string name) =>
        o.GetProperty(name).GetString() ?? throw new InspectionProtocolException($"'{name}' must be a string");

    private static string? OptionalString(JsonElement o, string name) =>
        o.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement o, string name) =>
        o.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? throw new InspectionProtocolException($"'{name}' must hold strings")).ToList();

    private static List<object?> Cells(JsonElement array) => array.EnumerateArray().Select(Cell).ToList();

    private static object? Cell(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out long l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw new InspectionProtocolException($"a cell must be a string, number, boolean or null, not {e.ValueKind}"),
    };

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void WriteCells(Utf8JsonWriter w, IReadOnlyList<object?> cells)
    {
        w.WriteStartArray();
        foreach (object? cell in cells) WriteCell(w, cell);
        w.WriteEndArray();
    }

    /// <summary>Writes one cell with its JSON type; anything else (an enum, an address) as its text.</summary>
    public static void WriteCell(Utf8JsonWriter w, object? cell)
    {
        switch (cell)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case double d: w.WriteStringValue(d.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            default: w.WriteStringValue(Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
