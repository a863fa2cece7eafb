using System.Diagnostics;

namespace QuantumFlow.Host.Tests.Inspection;

/// <summary>
/// A `dotnet quantumflow.dll ...` child process with its output kept line by line. Inherited QF_* variables are
/// dropped so the test's own settings are the only ones; disposing kills the process tree if it still runs.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = new();

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_lines) return string.Join('\n', _lines);
        }
    }

    public static NodeProcess Start(string name, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Repository.QuantumflowDll);
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("QF_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process);
        process.OutputDataReceived += (_, e) => node.Add(e.Data);
        process.ErrorDataReceived += (_, e) => node.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
    }

    /// <summary>The first output line that matches; fails when the process exits or the time is up first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan limit)
    {
        DateTime deadline = DateTime.UtcNow + limit;
        while (true)
        {
            lock (_lines)
            {
                if (_lines.FirstOrDefault(match) is { } line) return line;
            }
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before the line came:\n{Tail()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name}: no such line within {limit.TotalSeconds} s:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} still running after {limit.TotalSeconds} s:\n{Tail()}");
        }
        return _process.ExitCode;
    }

    public string Tail(int lines = 30)
    {
        lock (_lines) return $"--- {Name} ---\n" + string.Join('\n', _lines.TakeLast(lines));
    }

    /// <summary>The last <paramref name="lines"/> lines that <paramref name="pick"/> keeps: what a status-heavy tail hides.</summary>
    public string Matching(Func<string, bool> pick, int lines = 30)
    {
        lock (_lines) return $"--- {Name}, selected ---\n" + string.Join('\n', _lines.Where(pick).TakeLast(lines));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // never started, or already gone
        }
        _process.Dispose();
    }
}
