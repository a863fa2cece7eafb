using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using QuantumFlow.Host.Cli;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Recording;
using Spectre.Console;

namespace QuantumFlow.Host.Tests.Cli;

/// <summary>
/// The defects issue 18 found by feeding the verbs what a careless user or an attacker would: each must now be one
/// line naming the flag or file, exit 2 (1 where a verification failed), and leave nothing behind.
/// </summary>
public sealed class HostileCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void OneLine(string error, params string[] naming)
    {
        // Informational lines (which checkpoints predict) may come first; the failure is one line, the last.
        string[] lines = error.Trim().Split('\n');
        Assert.True(lines.Count(l => l.StartsWith("error: ", StringComparison.Ordinal)) == 1, error);
        string last = lines[^1];
        Assert.StartsWith("error: ", last);
        Assert.DoesNotContain("(Parameter", last);
        Assert.DoesNotContain("   at ", error); // no stack frame
        foreach (string n in naming) Assert.Contains(n, last);
    }

    private static int Backtest(BacktestCommand.Settings settings, out string error)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(o), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        int code = BacktestCommand.Run(settings, console, e);
        error = e.ToString();
        return code;
    }

    private static int Features(IReadOnlyList<string> paths, string outFile, out string error)
    {
        var e = new StringWriter();
        int code = FeaturesCommand.Run(paths, outFile, LabelOptions.Default, BadLinePolicy.Skip, TextWriter.Null, e);
        error = e.ToString();
        return code;
    }

    private static int Verify(IReadOnlyList<string> paths, out string output, out string error)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = BookCommand.Verify(paths, BadLinePolicy.Skip, o, e);
        (output, error) = (o.ToString(), e.ToString());
        return code;
    }

    [Fact]
    public void Features_into_a_missing_folder_names_the_folder_and_writes_nothing()
    {
        string missing = Path.Combine(_dir, "missing", "x.csv");
        Assert.Equal(2, Features(SampleRecording.Files, missing, out string error));
        OneLine(error, "--out", Path.Combine(_dir, "missing"), "does not exist");
        Assert.False(Directory.Exists(Path.Combine(_dir, "missing")));
    }

    [Fact]
    public void Features_into_a_directory_and_from_a_directory_say_directory()
    {
        Assert.Equal(2, Features(SampleRecording.Files, _dir, out string error));
        OneLine(error, "--out", "is a directory");
        Assert.Equal(2, Features([_dir], Path.Combine(_dir, "x.csv"), out error));
        OneLine(error, _dir, "is a directory");
        Assert.False(File.Exists(Path.Combine(_dir, "x.csv")));
    }

    [Fact]
    public void Features_help_states_the_defaults_it_uses()
    {
        string help = Help("features");
        Assert.Contains($"default {LabelOptions.Default.Horizon}", help);
        Assert.Contains($"default {LabelOptions.Default.ThresholdBps}", help);
    }

    [Fact]
    public void A_report_into_a_place_that_cannot_take_files_fails_before_replaying()
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        var clock = Stopwatch.StartNew();
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { BayesOnly = true, Report = Path.Combine(file, "report") }, out string error));
        OneLine(error, "--report");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "it replayed before checking the report folder");
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { BayesOnly = true, Report = file }, out error));
        OneLine(error, "--report", "is a file");
    }

    [Fact]
    public void A_missing_sqlite_journal_is_named_and_not_created()
    {
        string db = Path.Combine(_dir, "missing.db");
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { Journal = "sqlite:" + db, Symbol = "binance-usdm:BTCUSDT", BayesOnly = true }, out string error));
        OneLine(error, db, "no such journal");
        Assert.False(File.Exists(db));
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { Journal = db, Symbol = "binance-usdm:BTCUSDT", BayesOnly = true }, out error));
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void A_journal_that_is_no_database_is_named()
    {
        string db = Path.Combine(_dir, "garbage.db");
        File.WriteAllBytes(db, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { Journal = db, Symbol = "binance-usdm:BTCUSDT", BayesOnly = true }, out string error));
        OneLine(error, db, "not a SQLite database");
    }

    [Fact]
    public void An_unreachable_postgres_is_one_line()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { Journal = "postgres:Host=127.0.0.1;Port=1;Username=x;Password=secret;Database=x", Symbol = "binance-usdm:BTCUSDT", BayesOnly = true }, out string error));
        OneLine(error, "--journal", "cannot connect");
        Assert.DoesNotContain("secret", error);
    }

    [Fact]
    public void Journal_and_recording_together_are_refused_as_conflicting()
    {
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { Journal = "sqlite:x.db", Recordings = SampleRecording.Files, Symbol = "binance-usdm:BTCUSDT" }, out string error));
        OneLine(error, "--journal", "--recording", "conflict");
    }

    [Fact]
    public void Folds_are_bounded_and_refused_at_once()
    {
        var clock = Stopwatch.StartNew();
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { WalkForward = true, Folds = 100_000_000, BayesOnly = true }, out string error));
        OneLine(error, "--folds 100000000", $"{BacktestCommand.MinFolds} to {BacktestCommand.MaxFolds}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Contains($"{BacktestCommand.MinFolds} to {BacktestCommand.MaxFolds}", Help("backtest"));
    }

    [Fact]
    public void A_recording_that_is_a_directory_is_not_reported_as_missing()
    {
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { Recordings = [_dir], BayesOnly = true }, out string error));
        OneLine(error, _dir, "is a directory");
        Assert.DoesNotContain("not found", error);
    }

    [Fact]
    public void A_bad_book_id_has_no_parameter_name_in_its_message()
    {
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { Symbol = "nonsense", BayesOnly = true }, out string error));
        OneLine(error, "nonsense", "not a book id");
    }

    [Fact]
    public void A_symbol_the_recording_does_not_hold_is_no_success()
    {
        Assert.Equal(2, Backtest(new BacktestCommand.Settings { Symbol = "binance-usdm:FOOBAR", BayesOnly = true }, out string error));
        OneLine(error, "--symbol binance-usdm:FOOBAR", "nothing traded");
    }

    [Fact]
    public void A_cut_gzip_recording_is_reported_as_cut()
    {
        byte[] whole = File.ReadAllBytes(SampleRecording.Files[0]);
        string cut = Path.Combine(_dir, "cut.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        Assert.Equal(2, Verify([cut], out _, out string error));
        OneLine(error, "cut.gz", "cut short");
    }

    [Fact]
    public void Files_in_reversed_order_check_nothing_and_say_why()
    {
        string day1 = Path.Combine(_dir, "btcusdt_20240718.gz"), day2 = Path.Combine(_dir, "btcusdt_20240719.gz");
        File.Copy(SampleRecording.Files[0], day1);
        File.Copy(SampleRecording.Files[1], day2);
        Assert.Equal(1, Verify([day2, day1], out string output, out string error));
        Assert.Contains("checked 0", output);
        Assert.Contains("nothing checked", error);
    }

    [Fact]
    public void A_corrupt_snapshot_checks_nothing_and_fails()
    {
        var lines = new List<string>();
        using (var text = new StreamReader(new GZipStream(File.OpenRead(SampleRecording.Files[0]), CompressionMode.Decompress)))
        {
            for (int i = 0; i < 400 && text.ReadLine() is { } line; i++)
                lines.Add(line.Contains("\"lastUpdateId\"") ? line[..(line.Length / 2)] : line);
        }
        string path = Path.Combine(_dir, "corrupt.txt");
        File.WriteAllLines(path, lines);
        Assert.Equal(1, Verify([path], out string output, out string error));
        Assert.Contains("checked 0", output);
        OneLine(error, "nothing checked in corrupt.txt", "snapshot");
    }

    [Theory]
    [InlineData("--port", "-1", "--port -1")]
    [InlineData("--port", "70000", "--port 70000")]
    [InlineData("--seed-nodes", "garbage", "--seed-nodes 'garbage'")]
    [InlineData("--seed-nodes", "akka.tcp://quantumflow@host", "--seed-nodes")]
    [InlineData("--inspect-port", "-5", "--inspect-port -5")]
    public void Bad_node_flags_are_one_line_before_anything_starts(string flag, string value, string named)
    {
        var flags = new NodeFlags();
        var command = new Command("run");
        flags.AddTo(command);
        ParseResult parse = command.Parse([flag, value]);
        FormatException e = Assert.Throws<FormatException>(() => flags.Read(parse));
        Assert.Contains(named, e.Message);
    }

    [Theory]
    [InlineData("notaurl")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:5080/path")]
    public void Bad_http_urls_are_refused(string url) => Assert.NotNull(RunCommand.UrlProblem(url));

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("https://localhost:0")]
    public void Good_http_urls_pass(string url) => Assert.Null(RunCommand.UrlProblem(url));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Esg_weights_that_overflow_are_an_error_not_a_stack_trace_or_a_wrong_score(bool json)
    {
        string holdings = Path.Combine(_dir, "huge.csv");
        File.WriteAllText(holdings, "company,weight\ntechcorp,1e308\ngreenbank,1e308\n");
        var output = new StringWriter();
        var error = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        Assert.Equal(2, EsgCommand.Portfolio(holdings, null, "original", json, console, output, error));
        OneLine(error.ToString(), "huge.csv", "weight", "scale them down");
        Assert.Equal("", output.ToString());
    }

    private static string Help(string verb)
    {
        var output = new StringWriter();
        Program.Root().Parse([verb, "--help"]).Invoke(new InvocationConfiguration { Output = output });
        return output.ToString();
    }
}
