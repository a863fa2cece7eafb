using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Cli;

/// <summary>
/// How every verb reports what it cannot do: one line on stderr, exit <see cref="Usage"/>. Exceptions from the core
/// carry parameter names meant for programmers; users named a flag or a file, so those suffixes are dropped.
/// </summary>
public static class CliErrors
{
    /// <summary>Bad flags, bad or unreadable input, an unreachable resource: nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it): nothing half-written was left.</summary>
    public const int Stopped = 130;

    /// <summary>`--verbose` on the command line: the exception behind a reported error follows its line, for a bug report.</summary>
    public static bool Verbose { get; set; }

    /// <returns><see cref="Usage"/>, after writing the one line.</returns>
    public static int Report(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return Usage;
    }

    public static int Report(TextWriter error, Exception e)
    {
        Report(error, MessageOf(e));
        if (Verbose) error.WriteLine(e.ToString());
        return Usage;
    }

    /// <summary>The message without ArgumentException's " (Parameter 'x')", which names a C# parameter, not a flag.</summary>
    public static string MessageOf(Exception e)
    {
        if (e is ArgumentException { ParamName: { } name } a)
        {
            string suffix = $" (Parameter '{name}')";
            if (a.Message.EndsWith(suffix, StringComparison.Ordinal)) return a.Message[..^suffix.Length];
        }
        return e.Message;
    }

    /// <summary>Why a file cannot be written at <paramref name="path"/> (checked before any work), or null.</summary>
    public static string? OutputFileProblem(string flag, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return $"{flag}: no file name given";
        if (Directory.Exists(path)) return $"{flag} {path}: is a directory; give a file name";
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            return File.Exists(folder) ? $"{flag} {path}: {folder} is a file, not a folder" : $"{flag} {path}: folder {folder} does not exist";
        return null;
    }

    /// <summary>Why <paramref name="directory"/> cannot take output files (checked before any work), or null.</summary>
    public static string? OutputDirectoryProblem(string flag, string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) return $"{flag}: no folder given";
        if (File.Exists(directory)) return $"{flag} {directory}: is a file, not a folder";
        try
        {
            Directory.CreateDirectory(directory);
            // A probe file proves the folder takes files (permissions, read-only mounts) before minutes of replay.
            string probe = Path.Combine(directory, $".quantumflow-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"{flag} {directory}: cannot write there ({e.Message})";
        }
    }

    /// <summary>Why <paramref name="path"/> cannot be read as an input file, or null: a folder is not "not found".</summary>
    public static string? InputFileProblem(string what, string path)
    {
        if (Directory.Exists(path)) return $"{what} {path}: is a directory, not a file";
        if (!File.Exists(path)) return $"{what} {path}: file not found";
        return null;
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be replayed as a recording (a folder, missing, or in no known format), or null.
    /// Verbs that start a node ask this first: inside the node the same failure is an actor's initialisation error
    /// that no user sees, and the verb waits on a feed that never answers.
    /// </summary>
    public static string? RecordingProblem(string what, string path)
    {
        if (InputFileProblem(what, path) is { } problem) return problem;
        try
        {
            using IRecordingReader reader = RecordingFormat.Open([path]);
            return null;
        }
        catch (Exception e) when (e is MarketDataException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            string message = MessageOf(e);
            return message.Contains(path, StringComparison.Ordinal) ? $"{what} {message}" : $"{what} {path}: {message}";
        }
    }
}
