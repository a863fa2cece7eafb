using System.Text;

namespace QuantumFlow.Host.Inspection;

/// <summary>
/// The editing state of one prompt line, ReadLine style: cursor keys, Home/End, Backspace/Delete, Ctrl+A/E/U/K/W,
/// Up/Down through the history (the line being typed is kept), Tab to complete. Pure: keys in, text and cursor out;
/// <see cref="ConsolePrompt"/> draws it.
/// </summary>
public sealed class LineEditor(CommandHistory history, Func<string, IReadOnlyList<string>> complete)
{
    private readonly StringBuilder _text = new();
    private int _historyIndex = -1;
    private string _draft = "";

    public string Text => _text.ToString();
    public int Cursor { get; private set; }
    public IReadOnlyList<string> Candidates { get; private set; } = [];

    public void Reset()
    {
        _text.Clear();
        Cursor = 0;
        _historyIndex = -1;
        _draft = "";
        Candidates = [];
    }

    public EditResult Handle(ConsoleKeyInfo key)
    {
        bool ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
        if (ctrl)
        {
            switch (key.Key)
            {
                case ConsoleKey.C: return EditResult.Cancel;
                case ConsoleKey.D: return _text.Length == 0 ? EditResult.Exit : Delete();
                case ConsoleKey.A: Cursor = 0; return EditResult.Continue;
                case ConsoleKey.E: Cursor = _text.Length; return EditResult.Continue;
                case ConsoleKey.U: _text.Remove(0, Cursor); Cursor = 0; return EditResult.Continue;
                case ConsoleKey.K: _text.Remove(Cursor, _text.Length - Cursor); return EditResult.Continue;
                case ConsoleKey.W: return DeleteWordBack();
            }
        }
        switch (key.Key)
        {
            case ConsoleKey.Enter: return EditResult.Submit;
            case ConsoleKey.Tab: return Complete();
            case ConsoleKey.LeftArrow: Cursor = Math.Max(0, Cursor - 1); return EditResult.Continue;
            case ConsoleKey.RightArrow: Cursor = Math.Min(_text.Length, Cursor + 1); return EditResult.Continue;
            case ConsoleKey.Home: Cursor = 0; return EditResult.Continue;
            case ConsoleKey.End: Cursor = _text.Length; return EditResult.Continue;
            case ConsoleKey.Backspace:
                if (Cursor > 0) _text.Remove(--Cursor, 1);
                return EditResult.Continue;
            case ConsoleKey.Delete: return Delete();
            case ConsoleKey.UpArrow: return Recall(+1);
            case ConsoleKey.DownArrow: return Recall(-1);
        }
        if (key.KeyChar >= ' ' && !ctrl)
        {
            _text.Insert(Cursor++, key.KeyChar);
        }
        return EditResult.Continue;
    }

    private EditResult Delete()
    {
        if (Cursor < _text.Length) _text.Remove(Cursor, 1);
        return EditResult.Continue;
    }

    private EditResult DeleteWordBack()
    {
        int start = Cursor;
        while (start > 0 && _text[start - 1] == ' ') start--;
        while (start > 0 && _text[start - 1] != ' ') start--;
        _text.Remove(start, Cursor - start);
        Cursor = start;
        return EditResult.Continue;
    }

    /// <param name="step">+1 older, -1 newer.</param>
    private EditResult Recall(int step)
    {
        IReadOnlyList<string> lines = history.Lines;
        int next = _historyIndex + step;
        if (next < -1 || next >= lines.Count) return EditResult.Continue;
        if (_historyIndex == -1) _draft = Text;
        _historyIndex = next;
        Replace(next == -1 ? _draft : lines[lines.Count - 1 - next]);
        return EditResult.Continue;
    }

    /// <summary>One candidate: take it and a space. Several: extend to their common prefix, or list them if that adds nothing.</summary>
    private EditResult Complete()
    {
        string before = Text[..Cursor];
        IReadOnlyList<string> candidates = complete(before);
        if (candidates.Count == 0) return EditResult.Continue;
        int wordStart = before.LastIndexOf(' ') + 1;
        string partial = before[wordStart..];
        string common = candidates.Count == 1 ? candidates[0] + " " : CommonPrefix(candidates);
        if (common.Length > partial.Length)
        {
            _text.Remove(wordStart, partial.Length);
            _text.Insert(wordStart, common);
            Cursor = wordStart + common.Length;
            return EditResult.Continue;
        }
        Candidates = candidates;
        return EditResult.ShowCandidates;
    }

    private void Replace(string text)
    {
        _text.Clear().Append(text);
        Cursor = _text.Length;
    }

    private static string CommonPrefix(IReadOnlyList<string> words)
    {
        string prefix = words[0];
        foreach (string w in words.Skip(1))
        {
            int n = 0;
            while (n < prefix.Length && n < w.Length && prefix[n] == w[n]) n++;
            prefix = prefix[..n];
        }
        return prefix;
    }
}
