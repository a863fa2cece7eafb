using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.Verification;

namespace QuantumFlow.Models.Tests.Verification;

/// <summary>Real recorded exchange data rebuilt exactly (../shared/data).</summary>
public class RealRecordingTests
{
    [Theory]
    [MemberData(nameof(TestData.BinanceSessionsWithSnapshot), MemberType = typeof(TestData))]
    public void Every_binance_recording_with_a_snapshot_rebuilds_with_zero_mismatches(string[] files)
    {
        StreamVerification r = RecordingVerification.Verify(files.Select(TestData.Shared).ToList(), BadLinePolicy.Stop);
        Assert.True(r.Snapshots > 0);
        Assert.True(r.Checked >= 20, $"only {r.Checked} checkable states");
        Assert.Equal(0, r.Mismatches);
        Assert.Equal(0, r.Resyncs);
        Assert.Equal(0, r.BadLines);
    }

    /// <summary>
    /// One book of a cryptofeed capture written as an hftbacktest recording (receive time, raw payload), its REST
    /// snapshot first. COIN-M's snapshot names its symbol; spot's does not, and the reader finds the one symbol the
    /// file names. The venue is told from the messages (COIN-M: "pu" and an underscore in the symbol; spot: no "pu").
    /// </summary>
    [Theory]
    [InlineData("cryptofeed/v3_jsonl/BINANCE_DELIVERY.jsonl.zst", "BTCUSD_211231", Venue.BinanceCoinm, 14)]
    [InlineData("cryptofeed/v3_jsonl/BINANCE.jsonl.zst", "NKNUSDT", Venue.BinanceSpot, 19)]
    public void A_recording_that_begins_with_its_snapshot_rebuilds_with_zero_mismatches(string capture, string symbol, Venue venue, int checkable)
    {
        string path = WriteSnapshotFirst(capture, symbol, [symbol]);
        try
        {
            Assert.Equal(venue, RecordingFormat.DetectVenue(path));
            using (var reader = new HftBacktestReader(path, venue))
            {
                // The file begins with the snapshot, and the reader gives it the one symbol the file names.
                Assert.True(reader.TryRead(out RecordedPayload first));
                Assert.Equal((PayloadKind.RestSnapshot, symbol), (first.Kind, first.Symbol));
            }
            StreamVerification r = RecordingVerification.Verify([path], BadLinePolicy.Stop);
            Assert.Equal([symbol], r.Symbols);
            Assert.Equal(1, r.Snapshots);
            Assert.Equal(checkable, r.Checked); // every bookTicker whose update id a rebuilt state carries
            Assert.Equal(0, r.Mismatches);
            Assert.Equal(0, r.BadLines);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_spot_snapshot_first_in_a_file_of_two_symbols_is_refused_not_guessed()
    {
        string path = WriteSnapshotFirst("cryptofeed/v3_jsonl/BINANCE.jsonl.zst", "NKNUSDT", ["NKNUSDT", "LRCBTC"]);
        try
        {
            var e = Assert.Throws<MarketDataException>(() => RecordingVerification.Verify([path], BadLinePolicy.Stop));
            Assert.Contains("line 1: depth snapshot before any message that names its symbol", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>An hftbacktest recording (receive time, raw payload) of a capture's messages for <paramref name="streams"/>, <paramref name="symbol"/>'s REST snapshot first.</summary>
    private static string WriteSnapshotFirst(string capture, string symbol, string[] streams)
    {
        string path = Path.Combine(Path.GetTempPath(), $"qf-snapshot-first-{Guid.NewGuid():N}.gz");
        var snapshot = new List<string>();
        var messages = new List<string>();
        using (IRecordingReader source = RecordingFormat.Open([TestData.Shared(capture)]))
        {
            string[] prefixes = [.. streams.Select(s => $"\"stream\":\"{s.ToLowerInvariant()}@")];
            while (source.TryRead(out RecordedPayload p))
            {
                string data = System.Text.Encoding.UTF8.GetString(p.Data);
                if (p.Kind == PayloadKind.RestSnapshot && p.Symbol == symbol) snapshot.Add($"{p.ReceiveTimeNs} {data}");
                else if (p.Kind == PayloadKind.Message && prefixes.Any(data.Contains)) messages.Add($"{p.ReceiveTimeNs} {data}");
            }
        }
        using var file = new StreamWriter(new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest));
        foreach (string line in snapshot.Concat(messages)) file.Write(line + "\n");
        return path;
    }

    [Fact]
    public void A_stream_without_a_snapshot_is_reported_as_such_not_as_a_failure()
    {
        StreamVerification r = RecordingVerification.Verify([TestData.Shared("binance-hftbacktest/spot/btcusdt_20230405.dat.gz")]);
        Assert.True(r.NoSnapshot);
        Assert.Equal("BinanceSpot", r.Venue);
        Assert.Equal(0, r.Checked);
        Assert.Equal(0, r.Mismatches);
    }

    [Fact]
    public void The_coinbase_advanced_trade_capture_rebuilds_gap_free_for_both_products()
    {
        using IRecordingReader reader = RecordingFormat.Open([TestData.Shared("cryptofeed/v3_jsonl/COINBASE.jsonl.zst")]);
        var session = new MarketDataSession(reader.Venue);
        var player = new RecordingPlayer(reader, session, BadLinePolicy.Stop);
        player.Play();
        Assert.Equal(Venue.CoinbaseAdvanced, session.Venue);
        Assert.Equal(0, session.SequenceGaps);
        Assert.Equal(0, session.Resyncs);
        Assert.Equal(new[] { "BTC-USD", "ETH-USD" }, session.Books.Keys.Order());
        foreach (IBookSync b in session.Books.Values)
        {
            Assert.True(b.Book.IsValid, b.Book.ToString());
            Assert.True(b.Book.UpdateCount > 100, $"{b.Book.Symbol}: {b.Book.UpdateCount} updates");
        }
        Assert.Equal(1030, session.Payloads); // sequence_num 0..1029
    }

    [Fact]
    public void The_coinbase_exchange_legacy_capture_rebuilds_every_product()
    {
        using IRecordingReader reader = RecordingFormat.Open([TestData.Shared("cryptofeed/legacy_raw/COINBASE.ws.28.0")]);
        var session = new MarketDataSession(reader.Venue);
        new RecordingPlayer(reader, session, BadLinePolicy.Stop).Play();
        Assert.Equal(10, session.Books.Count);
        Assert.All(session.Books.Values, b => Assert.True(b.Book.IsValid, b.Book.ToString()));
    }

    [Fact]
    public void The_shipped_sample_is_the_same_session_as_the_shared_one()
    {
        StreamVerification r = RecordingVerification.Verify([TestData.Sample("btcusdt_20240718.gz"), TestData.Sample("btcusdt_20240719.gz")]);
        Assert.Equal(0, r.Mismatches);
        Assert.True(r.Checked > 500);
    }

    [Fact]
    public void A_rebuilt_book_is_deep_and_exact_after_a_whole_session()
    {
        using IRecordingReader reader = RecordingFormat.Open([TestData.Shared("binance-hftbacktest/usdm/ethusdt_20240718.gz"), TestData.Shared("binance-hftbacktest/usdm/ethusdt_20240719.gz")]);
        var session = new MarketDataSession(reader.Venue);
        new RecordingPlayer(reader, session, BadLinePolicy.Stop).Play();
        OrderBook book = session.Books["ETHUSDT"].Book;
        Assert.Equal(BookState.Synced, book.State);
        Assert.True(book.Bids.Count >= 500 && book.Asks.Count >= 500);
        Assert.False(book.IsCrossed);
    }
}
