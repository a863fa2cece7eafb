using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Venues;

/// <summary>A recording played twice through one decoder, as a looping replay does.</summary>
public sealed class FeedDecoderSessionTests
{
    [Fact]
    public void A_new_session_counts_the_trades_a_replayed_recording_repeats_and_one_connection_does_not()
    {
        string path = Path.Combine(TestData.RepoRoot, "data", "samples", "btcusdt_20240718.gz");
        var decoder = new FeedDecoder(Venue.BinanceUsdm);
        int first = Trades(decoder, path);
        Assert.True(first > 100, $"{first} trades in the first pass");

        // The same fills again on the same session: already counted (a replay of the stream after a reconnect).
        Assert.Equal(0, Trades(decoder, path));

        decoder.NewSession();
        Assert.Equal(first, Trades(decoder, path));
    }

    private static int Trades(FeedDecoder decoder, string path)
    {
        using IRecordingReader reader = RecordingFormat.Open([path]);
        var events = new List<MarketEvent>();
        int trades = 0;
        while (reader.TryRead(out RecordedPayload p))
        {
            if (p.Kind == PayloadKind.Connected) continue;
            events.Clear();
            decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, events);
            trades += events.Count(e => e is Trade);
        }
        return trades;
    }
}
