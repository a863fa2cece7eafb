namespace QuantumFlow.Host.Inspection;

/// <summary>Lines entered at the prompt, oldest first; kept in a file between sessions when given one.</summary>
public sealed class CommandHistory(string? file = null, int capacity = 500)
{
    private readonly List<string> _lines = Load(file, capacity);

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Adds a line unless it is blank or repeats the last one, and appends it to the file.</summary>
    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || (_lines.Count > 0 && _lines[^1] == line)) return;
        _lines.Add(line);
        if (_lines.Count > capacity) _lines.RemoveAt(0);
        if (file is null) return;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.WriteAllLines(file, _lines);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // History is a convenience: a read-only home must not break the prompt.
        }
    }

    private static List<string> Load(string? file, int capacity)
    {
        try
        {
            return file is not null && File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Length > 0).TakeLast(capacity).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
