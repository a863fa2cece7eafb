using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;
using SharpFuzz;

// Fuzz targets: any input must end in a MarketDataException (a clear error) or in books and events, never in another
// exception, a hang or a crash. AFL++ runs them through SharpFuzz (scripts/fuzz.sh); `replay DIR` runs every file of
// a corpus once without AFL (what a finding is checked with once fixed).
//   parsers    the first byte picks a venue; the rest is one payload: decoded, then applied to that venue's book
//   recording  the input is a recording file: opened, every payload decoded and applied
if (args.Length == 0 || args[0] is not ("parsers" or "recording"))
{
    Console.Error.WriteLine("usage: QuantumFlow.Fuzz parsers|recording [replay DIR]");
    return 2;
}
Action<Stream> target = args[0] == "parsers" ? Targets.Payload : Targets.Recording;
if (args.Length == 3 && args[1] == "replay")
{
    int n = 0;
    foreach (string file in Directory.EnumerateFiles(args[2]))
    {
        using FileStream input = File.OpenRead(file);
        target(input);
        n++;
    }
    Console.WriteLine($"{args[0]}: {n} corpus inputs replayed, none failed");
    return 0;
}
Fuzzer.OutOfProcess.Run(target);
return 0;

internal static class Targets
{
    private static readonly Venue[] Venues = [Venue.BinanceSpot, Venue.BinanceUsdm, Venue.BinanceCoinm, Venue.CoinbaseAdvanced, Venue.CoinbaseExchange];

    public static void Payload(Stream input)
    {
        var bytes = new MemoryStream();
        input.CopyTo(bytes);
        ReadOnlySpan<byte> data = bytes.ToArray();
        if (data.Length == 0) return;
        Venue venue = Venues[data[0] % Venues.Length];
        var decoder = new FeedDecoder(venue);
        var events = new List<MarketEvent>();
        try
        {
            // Twice: the second sees the connection's sequence state the first left.
            decoder.Decode(data[1..], 1, null, events);
            decoder.Decode(data[1..], 2, null, events);
        }
        catch (MarketDataException)
        {
            return;
        }
        Apply(venue, events);
    }

    public static void Recording(Stream input)
    {
        string path = Path.Combine(Path.GetTempPath(), $"qf-fuzz-{Environment.ProcessId}.jsonl");
        using (FileStream file = File.Create(path)) input.CopyTo(file);
        try
        {
            using IRecordingReader reader = RecordingFormat.Open([path]);
            var decoder = new FeedDecoder(reader.Venue);
            var events = new List<MarketEvent>();
            for (int n = 0; n < 10_000; n++)
            {
                try
                {
                    if (!reader.TryRead(out RecordedPayload p)) break;
                    if (p.Kind == PayloadKind.Connected) decoder.OnConnected(p.ReceiveTimeNs, "reconnect", events);
                    else decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, events);
                }
                catch (MarketDataException)
                {
                    // a bad line: counted and skipped by the real readers' users; reading goes on
                }
            }
            Apply(reader.Venue, events);
        }
        catch (MarketDataException)
        {
            // not a recording, or unreadable: a clear error
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Every event on its venue's book: a refusal is a clear error, a resync is the book's answer to a hole.
    private static void Apply(Venue venue, List<MarketEvent> events)
    {
        var books = new Dictionary<string, BookReplica>();
        foreach (MarketEvent e in events)
        {
            if (!books.TryGetValue(e.Symbol, out BookReplica? book)) books.Add(e.Symbol, book = new BookReplica(venue, e.Symbol));
            try
            {
                book.Apply(e);
            }
            catch (MarketDataException)
            {
            }
        }
    }
}
