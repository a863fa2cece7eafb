using System.Text.Json;
using QuantumFlow.Host.Inspection;
using QuantumFlow.Inspection.Protocol;
using Spectre.Console;

namespace QuantumFlow.Host.Tests.Inspection;

public sealed class RendererTests
{
    private static readonly TableFrame Members = new(1, "members", ["address", "status", "reachable", "leader"],
    [
        ["akka.tcp://quantumflow@127.0.0.1:4053", "Up", true, true],
        ["akka.tcp://quantumflow@127.0.0.1:4054", "Leaving", false, false],
    ]);

    private static (IAnsiConsole Console, StringWriter Text) Console()
    {
        var text = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return (console, text);
    }

    [Fact]
    public void Tables_show_titles_headers_and_readable_cells()
    {
        (IAnsiConsole console, StringWriter text) = Console();
        var error = new StringWriter();
        var renderer = new TableRenderer(console, error);
        renderer.Frame(Members);
        renderer.Frame(new NoteFrame(1, "two members"));
        renderer.End("cluster show", "node", new EndFrame(1, ExitCodes.Ok, null));
        string output = text.ToString();
        Assert.Contains("members", output);
        Assert.Matches(@"│ address\s+│ status\s+│ reachable │ leader │", output);
        Assert.Matches(@"│ akka.tcp://quantumflow@127.0.0.1:4054 │ Leaving │ no\s+│ no\s+│", output);
        Assert.Contains("two members", output);
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void A_single_wide_row_reads_as_fields_and_values_and_failures_go_to_the_error_writer()
    {
        (IAnsiConsole console, StringWriter text) = Console();
        var error = new StringWriter();
        var renderer = new TableRenderer(console, error);
        renderer.Frame(new TableFrame(1, "book", ["entity", "state", "valid", "last-update-id", "exchange-time", "events-journaled", "last-problem"],
            [["binance-usdm:BTCUSDT", "Synced", true, 123L, null, 7L, ""]]));
        renderer.End("book show", "node", new EndFrame(1, ExitCodes.Failed, "it broke"));
        Assert.Matches(@"│ last-update-id\s+│ 123\s+│", text.ToString());
        Assert.Matches(@"│ exchange-time\s+│ -\s+│", text.ToString());
        Assert.Equal("error: it broke", error.ToString().Trim());
    }

    [Fact]
    public void Streams_print_a_header_once_then_one_line_per_row()
    {
        (IAnsiConsole console, StringWriter text) = Console();
        var renderer = new TableRenderer(console, new StringWriter());
        renderer.Frame(new RowFrame(1, ["time", "event"], ["12:00:00.000", "MemberUp"]));
        renderer.Frame(new RowFrame(1, ["time", "event"], ["12:00:01.000", "MemberLeft"]));
        Assert.Equal(["TIME  EVENT", "12:00:00.000  MemberUp", "12:00:01.000  MemberLeft"], text.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd()));
    }

    [Fact]
    public void Json_is_one_object_with_rows_keyed_by_column_and_typed_cells()
    {
        var output = new StringWriter();
        var renderer = new JsonRenderer(output);
        renderer.Frame(Members);
        renderer.Frame(new TableFrame(1, "members", ["n"], [[1L]]));
        renderer.Frame(new NoteFrame(1, "a note"));
        renderer.End("cluster show", "akka.tcp://quantumflow@127.0.0.1:4053", new EndFrame(1, ExitCodes.Ok, null));
        using JsonDocument doc = JsonDocument.Parse(output.ToString());
        JsonElement root = doc.RootElement;
        Assert.Equal("cluster show", root.GetProperty("command").GetString());
        Assert.Equal(0, root.GetProperty("exit").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        JsonElement members = root.GetProperty("tables").GetProperty("members");
        Assert.Equal("Leaving", members[1].GetProperty("status").GetString());
        Assert.False(members[1].GetProperty("reachable").GetBoolean());
        Assert.Equal(1, root.GetProperty("tables").GetProperty("members-2")[0].GetProperty("n").GetInt64());
        Assert.Equal("a note", root.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public void Json_streams_write_a_line_per_row_then_the_summary()
    {
        var output = new StringWriter();
        var renderer = new JsonRenderer(output);
        renderer.Frame(new RowFrame(1, ["event", "n"], ["MemberUp", 1L]));
        renderer.Frame(new RowFrame(1, ["event", "n"], ["MemberLeft", 2L]));
        renderer.End("cluster tail", "node", new EndFrame(1, ExitCodes.Ok, null));
        string[] lines = output.ToString().TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("{\"event\":\"MemberUp\",\"n\":1}", lines[0].TrimEnd());
        Assert.Equal(0, JsonDocument.Parse(lines[2]).RootElement.GetProperty("exit").GetInt32());
    }
}
