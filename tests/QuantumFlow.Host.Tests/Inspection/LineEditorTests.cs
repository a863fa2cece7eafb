using QuantumFlow.Host.Inspection;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Host.Tests.Inspection;

public sealed class LineEditorTests
{
    private static ConsoleKeyInfo Key(ConsoleKey key, bool ctrl = false) => new('\0', key, shift: false, alt: false, control: ctrl);
    private static ConsoleKeyInfo Char(char c) => new(c, ConsoleKey.NoName, false, false, false);

    private static LineEditor Editor(CommandHistory? history = null) => new(history ?? new CommandHistory(), CommandParser.Complete);

    private static void Type(LineEditor editor, string text)
    {
        foreach (char c in text) Assert.Equal(EditResult.Continue, editor.Handle(Char(c)));
    }

    [Fact]
    public void Keys_edit_the_line_at_the_cursor()
    {
        LineEditor e = Editor();
        Type(e, "clster show");
        e.Handle(Key(ConsoleKey.Home));
        for (int i = 0; i < 2; i++) e.Handle(Key(ConsoleKey.RightArrow));
        Type(e, "u");
        Assert.Equal("cluster show", e.Text);
        Assert.Equal(3, e.Cursor);
        e.Handle(Key(ConsoleKey.End));
        e.Handle(Key(ConsoleKey.Backspace));
        e.Handle(Key(ConsoleKey.W, ctrl: true));
        Assert.Equal("cluster ", e.Text);
        e.Handle(Key(ConsoleKey.U, ctrl: true));
        Assert.Equal("", e.Text);
        Assert.Equal(EditResult.Exit, e.Handle(Key(ConsoleKey.D, ctrl: true)));
        Type(e, "x");
        Assert.Equal(EditResult.Cancel, e.Handle(Key(ConsoleKey.C, ctrl: true)));
        Assert.Equal(EditResult.Submit, e.Handle(Key(ConsoleKey.Enter)));
    }

    [Fact]
    public void Tab_completes_a_single_candidate_extends_a_common_prefix_and_lists_the_rest()
    {
        LineEditor e = Editor();
        Type(e, "cluster-sh");
        Assert.Equal(EditResult.Continue, e.Handle(Key(ConsoleKey.Tab)));
        Assert.Equal("cluster-sharding ", e.Text);
        Type(e, "reg");
        e.Handle(Key(ConsoleKey.Tab));
        Assert.Equal("cluster-sharding region", e.Text); // regions and region-stats share "region"
        Assert.Equal(EditResult.ShowCandidates, e.Handle(Key(ConsoleKey.Tab)));
        Assert.Equal(["regions", "region-stats"], e.Candidates);
        Type(e, "-");
        e.Handle(Key(ConsoleKey.Tab));
        Assert.Equal("cluster-sharding region-stats ", e.Text);
        e.Handle(Key(ConsoleKey.Tab));
        e.Handle(Key(ConsoleKey.Tab));
        Assert.Equal("cluster-sharding region-stats -r book ", e.Text);
    }

    [Fact]
    public void Up_and_down_walk_the_history_and_keep_the_draft()
    {
        string file = Path.Combine(Path.GetTempPath(), $"qf-history-{Guid.NewGuid():N}", "pbm_history");
        try
        {
            var history = new CommandHistory(file);
            history.Add("cluster show");
            history.Add("book list");
            history.Add("book list");
            history.Add("  ");
            Assert.Equal(["cluster show", "book list"], history.Lines);
            Assert.Equal(["cluster show", "book list"], new CommandHistory(file).Lines); // kept between sessions

            LineEditor e = Editor(history);
            Type(e, "feed");
            e.Handle(Key(ConsoleKey.UpArrow));
            Assert.Equal("book list", e.Text);
            e.Handle(Key(ConsoleKey.UpArrow));
            e.Handle(Key(ConsoleKey.UpArrow));
            Assert.Equal("cluster show", e.Text);
            e.Handle(Key(ConsoleKey.DownArrow));
            e.Handle(Key(ConsoleKey.DownArrow));
            Assert.Equal("feed", e.Text);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
