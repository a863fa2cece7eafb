using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Verification;

/// <summary>Rebuilds books from recordings and checks them against the venue's best bid/ask.</summary>
public static class RecordingVerification
{
    public static StreamVerification Verify(IReadOnlyList<string> files, BadLinePolicy policy = BadLinePolicy.Skip)
    {
        using IRecordingReader reader = RecordingFormat.Open(files);
        var verifier = new BookVerifier();
        var session = new MarketDataSession(reader.Venue, verifier);
        var player = new RecordingPlayer(reader, session, policy);
        player.Play();
        var problems = new List<string>();
        problems.AddRange(player.BadLineSamples);
        problems.AddRange(verifier.MismatchSamples);
        foreach (IBookSync b in session.Books.Values)
        {
            if (b.LastProblem is not null) problems.Add($"{b.Book.Symbol}: {b.LastProblem}");
        }
        return new StreamVerification(files, reader.Venue.ToString(), session.Books.Keys.Order().ToList(), player.Payloads,
            verifier.Snapshots, verifier.Updates, verifier.Tickers, verifier.Checked, verifier.Mismatches,
            session.Resyncs + session.SequenceGaps, player.BadLines, problems);
    }

    /// <summary>
    /// Groups paths into streams: consecutive files in one folder whose names share the part before the first '_'
    /// ("btcusdt_20240718.gz", "btcusdt_20240719.gz") are one session split by day, read as one stream.
    /// </summary>
    public static List<List<string>> GroupSessions(IEnumerable<string> paths)
    {
        var groups = new List<List<string>>();
        string? lastKey = null;
        foreach (string p in paths)
        {
            string name = Path.GetFileName(p);
            int us = name.IndexOf('_');
            string? key = us > 0 && !name.EndsWith(".zst", StringComparison.OrdinalIgnoreCase)
                ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(p)) ?? "", name[..us])
                : null;
            if (key is not null && key == lastKey) groups[^1].Add(p);
            else groups.Add([p]);
            lastKey = key;
        }
        return groups;
    }
}
