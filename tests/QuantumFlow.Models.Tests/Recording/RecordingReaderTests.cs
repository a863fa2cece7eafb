using System.IO.Compression;
using System.Text;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Recording;

public sealed class RecordingReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-rec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text, bool gzip = false)
    {
        string path = Path.Combine(_dir, name);
        using Stream file = File.Create(path);
        using Stream s = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        s.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    [Fact]
    public void Detects_venue_and_framing_of_every_shared_recording()
    {
        Assert.Equal(Venue.BinanceUsdm, RecordingFormat.DetectVenue(TestData.Shared("binance-hftbacktest/usdm/btcusdt_20240718.gz")));
        Assert.Equal(Venue.BinanceUsdm, RecordingFormat.DetectVenue(TestData.Shared("binance-hftbacktest/usdm/btcusdt_20230404.dat.gz")));
        Assert.Equal(Venue.BinanceSpot, RecordingFormat.DetectVenue(TestData.Shared("binance-hftbacktest/spot/btcusdt_20230405.dat.gz")));
        Assert.Equal(Venue.CoinbaseAdvanced, RecordingFormat.DetectVenue(TestData.Shared("cryptofeed/v3_jsonl/COINBASE.jsonl.zst")));
        Assert.Equal(Venue.BinanceCoinm, RecordingFormat.DetectVenue(TestData.Shared("cryptofeed/v3_jsonl/BINANCE_DELIVERY.jsonl.zst")));
        Assert.Equal(Venue.CoinbaseExchange, RecordingFormat.DetectVenue(TestData.Shared("cryptofeed/legacy_raw/COINBASE.ws.28.0")));
    }

    [Fact]
    public void Reads_plain_and_gzip_lines_with_crlf_and_no_final_newline()
    {
        const string text = "1721347020984480942 {\"a\":1}\r\n\n1680652700423575 {\"lastUpdateId\":5,\"bids\":[],\"asks\":[]}";
        foreach (bool gz in new[] { false, true })
        {
            using var r = new HftBacktestReader(Write(gz ? "x.gz" : "x.txt", text, gz), Venue.BinanceSpot);
            Assert.True(r.TryRead(out RecordedPayload a));
            Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(a.Data));
            Assert.Equal(1721347020984480942, a.ReceiveTimeNs);
            Assert.Equal(PayloadKind.Message, a.Kind);
            Assert.True(r.TryRead(out RecordedPayload b));
            Assert.Equal(PayloadKind.RestSnapshot, b.Kind);
            Assert.Equal(1680652700423575000, b.ReceiveTimeNs);
            Assert.Equal("x" + (gz ? ".gz" : ".txt") + " line 3", r.Location);
            Assert.False(r.TryRead(out _));
        }
    }

    [Fact]
    public void Reads_lines_longer_than_its_buffer()
    {
        string big = "{\"pad\":\"" + new string('x', 3 << 20) + "\"}";
        using var r = new HftBacktestReader(Write("big.txt", "1 {}\n2 " + big + "\n3 {}\n"), Venue.BinanceSpot);
        Assert.True(r.TryRead(out _));
        Assert.True(r.TryRead(out RecordedPayload p));
        Assert.Equal(big.Length, p.Data.Length);
        Assert.True(r.TryRead(out _));
    }

    [Fact]
    public void A_line_without_a_timestamp_is_a_located_error_and_skipping_counts_it()
    {
        string good = File.ReadLines(TestData.Shared("cryptofeed/legacy_raw/COINBASE.ws.28.0")).First(l => l.Contains("\"snapshot\""));
        string path = Write("coinbase.ws.1", good + "\nnot a timestamp: {}\n" + good + "\n");
        using IRecordingReader reader = RecordingFormat.Open([path]);
        var skipping = new RecordingPlayer(reader, new MarketDataSession(reader.Venue), BadLinePolicy.Skip);
        skipping.Play();
        Assert.Equal(1, skipping.BadLines);
        Assert.Contains("coinbase.ws.1 line 2", skipping.BadLineSamples[0]);

        using IRecordingReader again = RecordingFormat.Open([path]);
        var stopping = new RecordingPlayer(again, new MarketDataSession(again.Venue), BadLinePolicy.Stop);
        var e = Assert.Throws<MarketDataException>(() => stopping.Play());
        Assert.Equal("coinbase.ws.1 line 2", e.Location);
    }

    [Fact]
    public void An_unknown_file_is_refused_with_its_name()
    {
        string path = Write("notes.txt", "hello world\n");
        var e = Assert.Throws<MarketDataException>(() => RecordingFormat.Open([path]));
        Assert.Contains("not a known recording format", e.Message);
        Assert.Contains("notes.txt", e.Message);
        Assert.Throws<MarketDataException>(() => RecordingFormat.Open([Path.Combine(_dir, "missing.gz")]));
    }

    [Fact]
    public void Cryptofeed_captures_are_replayed_in_receive_time_order()
    {
        using IRecordingReader r = RecordingFormat.Open([TestData.Shared("cryptofeed/v3_jsonl/BINANCE.jsonl.zst")]);
        long last = long.MinValue;
        int snapshots = 0;
        while (r.TryRead(out RecordedPayload p))
        {
            Assert.True(p.ReceiveTimeNs >= last);
            last = p.ReceiveTimeNs;
            if (p.Kind == PayloadKind.RestSnapshot) { snapshots++; Assert.NotNull(p.Symbol); }
        }
        Assert.Equal(4, snapshots);
    }
}
