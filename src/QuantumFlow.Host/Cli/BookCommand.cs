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

    /// <returns>0 when every checked state matched, 1 on mismatches, 2 on unreadable input.</returns>
    public static int Verify(IReadOnlyList<string> paths, BadLinePolicy policy, TextWriter output, TextWriter error)
    {
        long totalChecked = 0, totalMismatches = 0, totalBad = 0;
        int totalResyncs = 0;
        foreach (List<string> files in RecordingSessions.Group([.. paths]))
        {
            StreamVerification r;
            try
            {
                r = RecordingVerification.Verify(files, policy);
            }
            catch (MarketDataException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
            totalChecked += r.Checked;
            totalMismatches += r.Mismatches;
            totalResyncs += r.Resyncs;
            totalBad += r.BadLines;
            string name = string.Join(" + ", files.Select(Path.GetFileName));
            string status = r.NoSnapshot ? "no snapshot in stream: book not rebuilt" : r.Mismatches == 0 ? "ok" : "MISMATCH";
            output.WriteLine($"{name}: {r.Venue} {string.Join(",", r.Symbols)}: {status}; payloads {r.Payloads}, snapshots {r.Snapshots}, " +
                             $"updates {r.Updates}, tickers {r.Tickers}, checked {r.Checked}, mismatches {r.Mismatches}, resyncs {r.Resyncs}, bad lines {r.BadLines}");
            foreach (string p in r.Problems) output.WriteLine($"  {p}");
        }
        output.WriteLine($"total: checked {totalChecked}, mismatches {totalMismatches}, resyncs {totalResyncs}, bad lines {totalBad}");
        return totalMismatches > 0 ? 1 : 0;
    }
}
