using System.CommandLine;
using System.IO.Compression;
using QuantumFlow.Host.Cli;

namespace QuantumFlow.Host.Tests.Cli;

/// <summary>
/// Issue 16: `import` and `run --path` given a file that is no recording. Before, import failed inside an actor and
/// then timed out asking a feed that was never started (20 s), and run started a node whose feed printed "feed: no
/// answer" forever. Both must refuse at once, before any node starts: one line naming the file, exit 2.
/// </summary>
public sealed class NotARecordingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-notrec-").FullName;

    // Bounds a verb that would otherwise run a node until stopped: a regression fails the test instead of hanging it.
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        _bound.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Journal => "sqlite:" + Path.Combine(_dir, "journal.db");

    private string TextFile(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args) => CliRun.InvokeAsync(args, _bound.Token);

    private static void OneLine(string error, params string[] naming)
    {
        string[] lines = error.Trim().Split('\n');
        Assert.True(lines.Length == 1, error);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", error);
        foreach (string n in naming) Assert.Contains(n, lines[0]);
    }

    [Theory]
    [InlineData("notes.txt", "these are my notes\nnot a recording\n")]
    [InlineData("empty.txt", "")]
    [InlineData("data.csv", "time,price\n1,2\n")]
    public async Task Import_of_a_file_that_is_no_recording_is_one_line_naming_it(string name, string content)
    {
        string file = TextFile(name, content);
        var (code, output, error) = await InvokeAsync("import", file, "--journal", Journal);
        Assert.Equal(2, code);
        OneLine(error, file, "not a known recording format");
        Assert.Equal("", output);
        Assert.False(File.Exists(Path.Combine(_dir, "journal.db")), "a node was started (it created the journal)");
    }

    [Fact]
    public async Task Import_names_the_bad_file_among_good_ones()
    {
        string bad = TextFile("notes.txt", "hello\n");
        var (code, _, error) = await InvokeAsync("import", SampleRecording.Files[0], bad, "--journal", Journal);
        Assert.Equal(2, code);
        OneLine(error, bad, "not a known recording format");
        Assert.False(File.Exists(Path.Combine(_dir, "journal.db")));
    }

    [Fact]
    public async Task Import_of_a_directory_or_a_missing_file_says_which()
    {
        var (code, _, error) = await InvokeAsync("import", _dir, "--journal", Journal);
        Assert.Equal(2, code);
        OneLine(error, _dir, "is a directory");
        string missing = Path.Combine(_dir, "missing.gz");
        (code, _, error) = await InvokeAsync("import", missing, "--journal", Journal);
        Assert.Equal(2, code);
        OneLine(error, missing, "file not found");
    }

    [Fact]
    public async Task Import_of_a_gzip_of_something_else_is_refused()
    {
        string path = Path.Combine(_dir, "logs.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write("2024-08-08 INFO started\n2024-08-08 INFO stopped\n"u8);
        var (code, _, error) = await InvokeAsync("import", path, "--journal", Journal);
        Assert.Equal(2, code);
        OneLine(error, path, "not a known recording format");
    }

    [Fact]
    public async Task Run_with_a_path_that_is_no_recording_refuses_before_starting_a_node()
    {
        string file = TextFile("notes.txt", "hello\n");
        var (code, output, error) = await InvokeAsync("run", "--path", file, "--journal", Journal, "--no-web");
        Assert.Equal(2, code);
        OneLine(error, "--path", file, "not a known recording format");
        Assert.DoesNotContain("starting node", output);
        Assert.False(File.Exists(Path.Combine(_dir, "journal.db")), "a node was started (it created the journal)");
    }

    [Fact]
    public async Task Run_with_a_directory_as_path_says_directory()
    {
        var (code, _, error) = await InvokeAsync("run", "--path", _dir, "--journal", Journal, "--no-web");
        Assert.Equal(2, code);
        OneLine(error, "--path", _dir, "is a directory");
    }

    [Fact]
    public void A_real_recording_has_no_problem()
    {
        foreach (string f in SampleRecording.Files) Assert.Null(CliErrors.RecordingProblem("recording", f));
    }
}
