using System.Text;

namespace QuantumFlow.Inspection.Commands;

/// <summary>
/// Parses <c>PALETTE COMMAND [switches] [arguments]</c> against the <see cref="CommandCatalog"/>, splits a typed line
/// into words (double or single quotes group), and completes a partial line. Pure: the server, the one-shot client and
/// the interactive prompt all use it.
/// </summary>
public static class CommandParser
{
    /// <exception cref="CommandUsageException">unknown palette, command or switch; a missing or extra value.</exception>
    public static CommandInvocation Parse(IReadOnlyList<string> words)
    {
        if (words.Count == 0) throw new CommandUsageException("no command given; palettes: " + string.Join(", ", CommandCatalog.Palettes.Select(p => p.Name)));
        PaletteSpec palette = CommandCatalog.FindPalette(words[0])
            ?? throw new CommandUsageException($"unknown palette '{words[0]}'; palettes: {string.Join(", ", CommandCatalog.Palettes.Select(p => p.Name))}");
        if (words.Count == 1) throw new CommandUsageException($"{palette.Name}: no command given; commands: {string.Join(", ", palette.Commands.Select(c => c.Name))}");
        CommandSpec spec = palette.Find(words[1])
            ?? throw new CommandUsageException($"{palette.Name}: unknown command '{words[1]}'; commands: {string.Join(", ", palette.Commands.Select(c => c.Name))}");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        int positional = 0;
        for (int i = 2; i < words.Count; i++)
        {
            string word = words[i];
            if (word.StartsWith('-') && word.Length > 1 && !IsNegativeNumber(word))
            {
                string name = word;
                string? inline = null;
                int eq = word.IndexOf('=');
                if (word.StartsWith("--") && eq > 0) (name, inline) = (word[..eq], word[(eq + 1)..]);
                SwitchSpec sw = spec.Switches.FirstOrDefault(s => s.Matches(name))
                    ?? throw new CommandUsageException($"{spec.FullName}: unknown switch '{name}'; usage: {spec.Usage}");
                string? value = inline;
                if (value is null)
                {
                    if (i + 1 >= words.Count) throw new CommandUsageException($"{spec.FullName}: {sw.Short} needs a value ({sw.ValueName})");
                    value = words[++i];
                }
                if (values.ContainsKey(sw.Key)) throw new CommandUsageException($"{spec.FullName}: {sw.Short} given twice");
                values[sw.Key] = value;
                continue;
            }
            if (positional >= spec.Arguments.Count) throw new CommandUsageException($"{spec.FullName}: unexpected '{word}'; usage: {spec.Usage}");
            values[spec.Arguments[positional++].Key] = word;
        }
        foreach (SwitchSpec sw in spec.Switches)
        {
            if (values.ContainsKey(sw.Key)) continue;
            if (sw.Default is not null) values[sw.Key] = sw.Default;
            else if (sw.Required) throw new CommandUsageException($"{spec.FullName}: {sw.Short} {sw.ValueName} is required; usage: {spec.Usage}");
        }
        foreach (ArgumentSpec a in spec.Arguments.Skip(positional))
        {
            if (a.Required) throw new CommandUsageException($"{spec.FullName}: {a.Name} is required; usage: {spec.Usage}");
        }
        return new CommandInvocation(spec, values);
    }

    private static bool IsNegativeNumber(string word) => word.Length > 1 && word[0] == '-' && char.IsAsciiDigit(word[1]);

    /// <summary>Splits a typed line into words: whitespace separates, quotes group, a backslash escapes the next character.</summary>
    /// <exception cref="CommandUsageException">an unclosed quote.</exception>
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\\' && quote == '"' && i + 1 < line.Length) word.Append(line[++i]);
                else word.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                inWord = true;
                if (c is '"' or '\'') quote = c;
                else if (c == '\\' && i + 1 < line.Length) word.Append(line[++i]);
                else word.Append(c);
            }
        }
        if (quote != '\0') throw new CommandUsageException("unclosed quote");
        if (inWord) words.Add(word.ToString());
        return words;
    }

    /// <summary>
    /// What the last word of a partial line can become: palettes, then commands, then the switches not given yet,
    /// then a switch's or argument's suggested values. <paramref name="line"/> ends where the cursor is.
    /// </summary>
    public static IReadOnlyList<string> Complete(string line)
    {
        IReadOnlyList<string> words;
        try
        {
            words = Split(line);
        }
        catch (CommandUsageException)
        {
            return [];
        }
        bool fresh = line.Length == 0 || char.IsWhiteSpace(line[^1]);
        string partial = fresh || words.Count == 0 ? "" : words[^1];
        var done = fresh ? words : words.Take(words.Count - 1).ToList();
        return Candidates(done).Where(c => c.StartsWith(partial, StringComparison.Ordinal)).Distinct().ToList();
    }

    private static IEnumerable<string> Candidates(IReadOnlyList<string> done)
    {
        if (done.Count == 0) return CommandCatalog.Palettes.Select(p => p.Name);
        if (CommandCatalog.FindPalette(done[0]) is not { } palette) return [];
        if (done.Count == 1) return palette.Commands.Select(c => c.Name);
        if (palette.Find(done[1]) is not { } spec) return [];
        SwitchSpec? pending = done.Count > 2 ? spec.Switches.FirstOrDefault(s => s.Matches(done[^1])) : null;
        if (pending is not null) return pending.Suggestions;
        var given = new HashSet<string>();
        int positional = 0;
        for (int i = 2; i < done.Count; i++)
        {
            if (spec.Switches.FirstOrDefault(s => s.Matches(done[i])) is { } sw)
            {
                given.Add(sw.Key);
                i++;
            }
            else
            {
                positional++;
            }
        }
        IEnumerable<string> switches = spec.Switches.Where(s => !given.Contains(s.Key)).Select(s => s.Short);
        IEnumerable<string> arguments = positional < spec.Arguments.Count ? spec.Arguments[positional].Suggestions : [];
        return arguments.Concat(switches);
    }
}
