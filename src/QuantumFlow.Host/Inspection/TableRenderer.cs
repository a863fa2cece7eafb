using System.Globalization;
using QuantumFlow.Inspection.Protocol;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace QuantumFlow.Host.Inspection;

/// <summary>Tables as Spectre.Console tables, notes in grey, a tail as one aligned line per row, errors on the error writer.</summary>
public sealed class TableRenderer(IAnsiConsole console, TextWriter error) : ICommandRenderer
{
    private IReadOnlyList<string>? _streamColumns;

    public void Frame(InspectionFrame frame)
    {
        switch (frame)
        {
            case TableFrame t:
                console.Write(Table(t));
                break;
            case NoteFrame n:
                console.Write(new Text(n.Text + "\n", new Style(Color.Grey)));
                break;
            case RowFrame r:
                if (_streamColumns is null || !_streamColumns.SequenceEqual(r.Columns))
                {
                    _streamColumns = r.Columns;
                    console.Write(new Text(string.Join("  ", r.Columns.Select(c => c.ToUpperInvariant())) + "\n", new Style(decoration: Decoration.Bold)));
                }
                console.Write(new Text(string.Join("  ", r.Values.Select(Cell)) + "\n"));
                break;
        }
    }

    public void End(string command, string node, EndFrame end)
    {
        if (end.Exit != ExitCodes.Ok) error.WriteLine($"error: {end.Error ?? $"{command} failed (exit {end.Exit})"}");
    }

    /// <summary>A table of one wide row (a node's status, a book's summary) reads better as field/value lines.</summary>
    public static Table Table(TableFrame frame)
    {
        if (frame.Rows.Count == 1 && frame.Columns.Count > 6)
        {
            var fields = new Table { Border = TableBorder.Rounded, Title = new TableTitle(frame.Title), ShowHeaders = false };
            fields.AddColumn(new TableColumn("field") { NoWrap = true });
            fields.AddColumn("value");
            for (int i = 0; i < frame.Columns.Count; i++)
                fields.AddRow(new Text(frame.Columns[i], new Style(decoration: Decoration.Bold)), new Text(Cell(i < frame.Rows[0].Count ? frame.Rows[0][i] : null)));
            return fields;
        }
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(frame.Title) };
        foreach (string c in frame.Columns) table.AddColumn(new TableColumn(new Text(c, new Style(decoration: Decoration.Bold))) { NoWrap = c is "address" or "node" or "path" });
        foreach (IReadOnlyList<object?> row in frame.Rows) table.AddRow(row.Select(v => (IRenderable)new Text(Cell(v))).ToArray());
        if (frame.Rows.Count == 0) table.Caption = new TableTitle("(none)");
        return table;
    }

    /// <summary>A cell as people read it: booleans as yes/no, numbers in invariant form, nothing as a dash.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "-",
        bool b => b ? "yes" : "no",
        string s => s.Length == 0 ? "-" : s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}
