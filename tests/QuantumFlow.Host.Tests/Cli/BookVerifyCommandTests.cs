using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using QuantumFlow.Host.Cli;
using QuantumFlow.Models.Recording;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Host.Tests.Cli;

public sealed class BookVerifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-verify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Shared(string relative) => TestRepository.Shared(relative);

    private static (int Code, string Out, string Err) Run(IReadOnlyList<string> paths, BadLinePolicy policy = BadLinePolicy.Skip)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BookCommand.Verify(paths, policy, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Verifies_every_shared_recording_with_one_line_each_and_a_total()
    {
        string usdm = "binance-hftbacktest/usdm/";
        string[] paths =
        [
            Shared(usdm + "btcusdt_20240718.gz"), Shared(usdm + "btcusdt_20240719.gz"),
            Shared(usdm + "ethusdt_20240718.gz"), Shared(usdm + "ethusdt_20240719.gz"),
            Shared(usdm + "btcusdt_20230404.dat.gz"), Shared(usdm + "btcusdt_20230405.dat.gz"),
            Shared("binance-hftbacktest/spot/btcusdt_20230405.dat.gz"),
        ];
        (int code, string output, string error) = Run(paths);
        string[] lines = output.Trim().Split('\n');
        // The spot file has no snapshot: nothing in it could be checked, which is no pass.
        Assert.Equal(1, code);
        Assert.Equal("error: nothing checked in btcusdt_20230405.dat.gz: no snapshot in the stream, so the book was never rebuilt", error.Trim());
        Assert.Equal(5, lines.Length); // three two-day sessions, one spot file, the total
        Assert.Contains("btcusdt_20240718.gz + btcusdt_20240719.gz: BinanceUsdm BTCUSDT: ok", lines[0]);
        Assert.Contains("no snapshot in stream", lines[3]);
        Match total = Regex.Match(lines[^1], @"^total: checked (\d+), mismatches 0, resyncs 0, bad lines 0$");
        Assert.True(total.Success, lines[^1]);
        Assert.True(long.Parse(total.Groups[1].Value) > 2000);
    }

    [Fact]
    public void A_ticker_the_book_disagrees_with_is_a_mismatch_and_a_failing_exit_code()
    {
        // The real session up to a few diffs after its snapshot, then a bookTicker at the last diff's id with a wrong bid.
        var lines = new List<string>();
        using (var text = new StreamReader(new GZipStream(File.OpenRead(Shared("binance-hftbacktest/usdm/btcusdt_20240718.gz")), CompressionMode.Decompress)))
        {
            int diffsAfterSnapshot = -1;
            string? line;
            while ((line = text.ReadLine()) is not null && diffsAfterSnapshot < 5)
            {
                lines.Add(line);
                if (line.Contains("\"lastUpdateId\"")) diffsAfterSnapshot = 0;
                else if (diffsAfterSnapshot >= 0 && line.Contains("depthUpdate")) diffsAfterSnapshot++;
            }
        }
        string lastDiff = lines.Last(l => l.Contains("depthUpdate"));
        string u = Regex.Match(lastDiff, "\"u\":(\\d+)").Groups[1].Value;
        lines.Add($$$"""1721347099000000000 {"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":{{{u}}},"s":"BTCUSDT","b":"1.00","B":"1","a":"99999.00","A":"1","T":1,"E":1}}""");
        string path = Path.Combine(_dir, "tampered.txt");
        File.WriteAllLines(path, lines);

        (int code, string output, _) = Run([path]);
        Assert.Equal(1, code);
        Assert.Contains("MISMATCH", output);
        Assert.Contains($"at update {u}: venue 1 x 1 / 99999 x 1", output);
        Assert.EndsWith("mismatches 1, resyncs 0, bad lines 0", output.Trim());
    }

    [Fact]
    public void Bad_lines_are_counted_by_default_and_stop_the_run_on_request()
    {
        string good = Shared("binance-hftbacktest/usdm/btcusdt_20240718.gz");
        var lines = new List<string>();
        using (var text = new StreamReader(new GZipStream(File.OpenRead(good), CompressionMode.Decompress)))
        {
            for (int i = 0; i < 200; i++) lines.Add(text.ReadLine()!);
        }
        lines.Insert(50, "1721347021000000000 {\"stream\":\"btcusdt@depth@0ms\",\"data\":{\"e\":\"depthUpdate\",");
        string path = Path.Combine(_dir, "broken.txt");
        File.WriteAllLines(path, lines);

        (int code, string output, _) = Run([path]);
        Assert.Equal(0, code);
        Assert.Contains("bad lines 1", output);
        Assert.Contains("broken.txt line 51", output);

        (int stopCode, _, string error) = Run([path], BadLinePolicy.Stop);
        Assert.Equal(2, stopCode);
        Assert.Contains("broken.txt line 51", error);
        Assert.Contains("malformed JSON", error);
    }

    [Fact]
    public void An_unreadable_file_is_a_clear_error()
    {
        string path = Path.Combine(_dir, "notes.md");
        File.WriteAllText(path, "# not market data\n");
        (int code, _, string error) = Run([path]);
        Assert.Equal(2, code);
        Assert.Contains("notes.md", error);
        Assert.Contains("not a known recording format", error);
    }

    [Fact]
    public void The_executable_verifies_the_shipped_sample_with_no_arguments()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "quantumflow.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, "book", "verify"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "quantumflow did not finish");
        Assert.True(p.ExitCode == 0, output + error);
        Assert.Matches(@"total: checked [1-9]\d*, mismatches 0, resyncs 0, bad lines 0", output);
    }
}
