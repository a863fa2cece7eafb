using System.CommandLine;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.Verification;

namespace QuantumFlow.Host.Cli;

/// <summary><c>quantumflow book ...</c>: order-book verbs.</summary>
public static class BookCommand
{
    public static Command Create()
    {
        var book = new Command("book", "Order-book tools.");
        book.Subcommands.Add(CreateVerify());
        return book;
    }

    private static Command CreateVerify()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Recordings; files of one session in order (a day, then the next) are read as one stream. Default: the shipped sample.", Arity = ArgumentArity.ZeroOrMore };
        var badLines = new Option<string>("--bad-lines") { Description = "skip: count bad lines and go on; stop: fail at the first one.", DefaultValueFactory = _ => "skip" };
        badLines.AcceptOnlyFromAmong("skip", "stop");
        var verify = new Command("verify", "Rebuild the book from each recording and compare it with the venue's best bid/ask at every update id both carry.");
        verify.Arguments.Add(paths);
        verify.Options.Add(badLines);
        verify.SetAction(parse =>
        {
            BadLinePolicy policy = parse.GetValue(badLines) == "stop" ? BadLinePolicy.Stop : BadLinePolicy.Skip;
            string[] given = parse.GetValue(paths) ?? [];
            return Verify(given.Length > 0 ? given : SampleRecording.Files, policy, Console.Out, Console.Error);
        });
        return verify;
    }

    /// <returns>0 when every stream was checked and every checked state matched; 1 on mismatches or when a stream could
    /// check nothing (no snapshot, book never rebuilt: said why); 2 on unreadable input (missing, cut or corrupt file).</returns>
    public static int Verify(IReadOnlyList<string> paths, BadLinePolicy policy, TextWriter output, TextWriter error)
    {
        foreach (string path in paths)
        {
            if (CliErrors.InputFileProblem("recording", path) is { } problem) return CliErrors.Report(error, problem);
        }
        long totalChecked = 0, totalMismatches = 0, totalBad = 0;
        int totalResyncs = 0;
        var nothingChecked = new List<string>();
        foreach (List<string> files in RecordingSessions.Group([.. paths]))
        {
            StreamVerification r;
            try
            {
                r = RecordingVerification.Verify(files, policy);
            }
            catch (Exception e) when (e is MarketDataException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return CliErrors.Report(error, e);
            }
            totalChecked += r.Checked;
            totalMismatches += r.Mismatches;
            totalResyncs += r.Resyncs;
            totalBad += r.BadLines;
            string name = string.Join(" + ", files.Select(Path.GetFileName));
            string status = r.NoSnapshot ? "no snapshot in stream: book not rebuilt" : r.Checked == 0 ? "NOTHING CHECKED" : r.Mismatches == 0 ? "ok" : "MISMATCH";
            output.WriteLine($"{name}: {r.Venue} {string.Join(",", r.Symbols)}: {status}; payloads {r.Payloads}, snapshots {r.Snapshots}, " +
                             $"updates {r.Updates}, tickers {r.Tickers}, checked {r.Checked}, mismatches {r.Mismatches}, resyncs {r.Resyncs}, bad lines {r.BadLines}");
            foreach (string p in r.Problems) output.WriteLine($"  {p}");
            if (r.Checked == 0) nothingChecked.Add($"{name}: {WhyNothingChecked(r, files.Count)}");
        }
        output.WriteLine($"total: checked {totalChecked}, mismatches {totalMismatches}, resyncs {totalResyncs}, bad lines {totalBad}");
        // Verifying nothing is not a pass: a script that trusts exit 0 must not take an unreadable order for a good book.
        foreach (string why in nothingChecked) error.WriteLine($"error: nothing checked in {why}");
        return totalMismatches > 0 || nothingChecked.Count > 0 ? 1 : 0;
    }

    private static string WhyNothingChecked(StreamVerification r, int files) => r switch
    {
        { Payloads: 0 } => "no payload could be read",
        { NoSnapshot: true } when files > 1 => "no snapshot before the updates; are the files in session order (a day, then the next)?",
        { NoSnapshot: true } => "no snapshot in the stream, so the book was never rebuilt",
        { Tickers: 0 } => "the stream carries no best bid/ask to compare the book with",
        _ => "the book never became valid (a corrupt snapshot or a gap before every best bid/ask); see the problems above",
    };
}
