using System.Globalization;
using System.Text.RegularExpressions;

namespace QuantumFlow.Models.Recording;

/// <summary>
/// Which recording files form one session: a file continues the one before it only when both are named
/// <c>PREFIX_YYYYMMDD...</c> with the same prefix and the next calendar day (a capture cut at midnight; the second
/// day's file has no snapshot of its own). Anything else, the same prefix a year apart included, is a session of its own.
/// </summary>
public static partial class RecordingSessions
{
    /// <summary>The files in the order given, cut into sessions.</summary>
    public static List<List<string>> Group(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var sessions = new List<List<string>>();
        (string Prefix, DateOnly Day)? previous = null;
        foreach (string path in paths)
        {
            (string, DateOnly)? current = Dated(path);
            if (sessions.Count > 0 && previous is { } p && current is { } c && c.Item1 == p.Prefix && c.Item2 == p.Day.AddDays(1))
                sessions[^1].Add(path);
            else
                sessions.Add([path]);
            previous = current;
        }
        return sessions;
    }

    private static (string Prefix, DateOnly Day)? Dated(string path)
    {
        Match m = DatedName().Match(Path.GetFileName(path));
        if (!m.Success) return null;
        return DateOnly.TryParseExact(m.Groups[2].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? (Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "", m.Groups[1].Value), day)
            : null;
    }

    [GeneratedRegex(@"^(.+)_(\d{8})(?:\D.*)?$")]
    private static partial Regex DatedName();
}
