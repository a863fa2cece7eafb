using System.IO.Compression;
using System.Text;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Verification;

/// <summary>
/// Fuzz-style: real recorded lines truncated, reordered and corrupted. Each must give a clear error or a resync,
/// never another exception, and no book may ever be valid while crossed or out of sync with the venue's ticker.
/// </summary>
public class CorruptInputTests
{
    private static List<(long Ts, byte[] Json)> RealLines(string relative, int count)
    {
        using var gz = new GZipStream(File.OpenRead(TestData.Shared(relative)), CompressionMode.Decompress);
        using var text = new StreamReader(gz);
        var lines = new List<(long, byte[])>();
        string? line;
        while (lines.Count < count && (line = text.ReadLine()) is not null)
        {
            int sp = line.IndexOf(' ');
            lines.Add((long.Parse(line[..sp]), Encoding.UTF8.GetBytes(line[(sp + 1)..])));
        }
        return lines;
    }

    private sealed class Watcher : ISessionObserver
    {
        public int ValidWhileCrossed;
        public void OnMessage(MarketMessage message, IBookSync? book, SyncResult result)
        {
            if (book is not null && book.Book.IsValid && book.Book.IsCrossed) ValidWhileCrossed++;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Corrupted_real_lines_give_clear_errors_or_resyncs_never_a_crash(int seed)
    {
        var rng = new Random(seed);
        List<(long Ts, byte[] Json)> lines = RealLines("binance-hftbacktest/usdm/btcusdt_20240718.gz", 6000);
        var watcher = new Watcher();
        var session = new MarketDataSession(Venue.BinanceUsdm, watcher);
        int errors = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            byte[] json = lines[i].Json;
            // The recording has one snapshot: leave it intact so there is a synced book to break.
            bool isSnapshot = json.AsSpan().StartsWith("{\"lastUpdateId\""u8) || (i + 1 < lines.Count && lines[i + 1].Json.AsSpan().StartsWith("{\"lastUpdateId\""u8));
            switch (isSnapshot ? -1 : rng.Next(10))
            {
                case 0: json = json[..rng.Next(json.Length)]; break;                              // truncated
                case 1: json = (byte[])json.Clone(); json[rng.Next(json.Length)] = (byte)rng.Next(32, 127); break; // one byte corrupted
                case 2 when i + 1 < lines.Count: (lines[i], lines[i + 1]) = (lines[i + 1], lines[i]); json = lines[i].Json; break; // reordered
                case 3: json = (byte[])json.Clone(); Flip(json, rng); break;                     // digits changed
            }
            try
            {
                session.Process(json, lines[i].Ts);
            }
            catch (MarketDataException e)
            {
                errors++;
                Assert.False(string.IsNullOrWhiteSpace(e.Reason));
                Assert.StartsWith("binance-usdm: ", e.Message);
            }
            foreach (IBookSync b in session.Books.Values)
            {
                Assert.False(b.Book.IsValid && b.Book.IsCrossed, $"valid while crossed after line {i}");
            }
        }
        Assert.True(errors > 100, $"only {errors} errors: the corruption did not bite");
        Assert.True(session.Resyncs > 0, "reordering and corrupted ids should have forced resyncs");
        Assert.Equal(0, watcher.ValidWhileCrossed);
    }

    private static void Flip(byte[] json, Random rng)
    {
        for (int k = 0; k < 3; k++)
        {
            int at = rng.Next(json.Length);
            if (json[at] is >= (byte)'0' and <= (byte)'9') json[at] = (byte)('0' + rng.Next(10));
        }
    }

    [Fact]
    public void A_bad_message_leaves_the_book_exactly_as_it_was()
    {
        List<(long Ts, byte[] Json)> lines = RealLines("binance-hftbacktest/usdm/btcusdt_20240718.gz", 400);
        var session = new MarketDataSession(Venue.BinanceUsdm);
        foreach ((long ts, byte[] json) in lines) session.Process(json, ts);
        OrderBook book = session.Books["BTCUSDT"].Book;
        Assert.True(book.IsValid);
        Level[] before = new Level[1000];
        int nb = book.Bids.CopyTop(before);
        long id = book.LastUpdateId;

        // A diff that continues the book but whose last level is malformed: nothing of it may apply.
        string bad = $$"""{"e":"depthUpdate","E":1,"T":1,"s":"BTCUSDT","U":{{id + 1}},"u":{{id + 5}},"pu":{{id}},"b":[["{{book.BestBid}}","0"],["1.0","x"]],"a":[]}""";
        Assert.Throws<MarketDataException>(() => session.Process(Encoding.UTF8.GetBytes(bad), 0));
        Level[] after = new Level[1000];
        Assert.Equal(before[..nb], after[..book.Bids.CopyTop(after)]);
        Assert.Equal(id, book.LastUpdateId);
        Assert.True(book.IsValid);
    }
}
