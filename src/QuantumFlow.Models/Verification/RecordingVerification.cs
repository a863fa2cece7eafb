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
}
