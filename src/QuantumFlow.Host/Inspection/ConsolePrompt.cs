namespace QuantumFlow.Host.Inspection;

/// <summary>
/// Draws a <see cref="LineEditor"/> on the terminal: the prompt and line are redrawn in place after each key
/// (carriage return, erase to the end of the line, cursor moved back), which any ANSI terminal and tmux handle.
/// </summary>
public sealed class ConsolePrompt(LineEditor editor)
{
    /// <returns>The line entered; null when the operator leaves (Ctrl+D on an empty line).</returns>
    public string? ReadLine(string prompt)
    {
        editor.Reset();
        Draw(prompt);
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            switch (editor.Handle(key))
            {
                case EditResult.Submit:
                    Console.Write("\r\n");
                    return editor.Text;
                case EditResult.Exit:
                    Console.Write("\r\n");
                    return null;
                case EditResult.Cancel:
                    Console.Write("^C\r\n");
                    editor.Reset();
                    break;
                case EditResult.ShowCandidates:
                    Console.Write("\r\n" + string.Join("  ", editor.Candidates) + "\r\n");
                    break;
            }
            Draw(prompt);
        }
    }

    private void Draw(string prompt)
    {
        string text = editor.Text;
        int back = text.Length - editor.Cursor;
        Console.Write("\r" + prompt + text + "\u001b[K" + (back > 0 ? $"\u001b[{back}D" : ""));
    }
}
