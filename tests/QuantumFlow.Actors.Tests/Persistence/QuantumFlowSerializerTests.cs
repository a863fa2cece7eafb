using Akka.Actor;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Tests.Persistence;

public sealed class QuantumFlowSerializerTests : TestKit
{
    private readonly QuantumFlowSerializer _serializer;

    public QuantumFlowSerializerTests() : base("akka.loglevel = WARNING") => _serializer = new QuantumFlowSerializer((ExtendedActorSystem)Sys);

    private T RoundTrip<T>(T value) where T : notnull => (T)_serializer.FromBinary(_serializer.ToBinary(value), _serializer.Manifest(value));

    [Fact]
    public void A_feed_status_crosses_nodes_whole_with_its_deliveries_and_position()
    {
        // `pbm feed status` asks feeds on other nodes.
        var status = new FeedStatus(Venue.BinanceUsdm, FeedState.Streaming, 77, 2, 1, 1_000, 3, 4, 5, "lost",
            [new BookBacklog("binance-usdm:BTCUSDT", 10, true, 1) { Events = 900, Acknowledged = 850 }, new BookBacklog("binance-usdm:ETHUSDT", 0, false, 0)])
        { Position = "pass 2: 10 payloads read, 8 journaled" };
        FeedStatus back = RoundTrip(status);
        Assert.Equal(status with { Books = [] }, back with { Books = [] });
        Assert.Equal(status.Books, back.Books);
        Assert.Null(RoundTrip(status with { Position = null, LastError = null }).Position);
        Assert.Same(GetFeedStatus.Instance, RoundTrip(GetFeedStatus.Instance));
    }

    [Fact]
    public void Every_real_market_event_survives_the_journal_format_exactly()
    {
        List<MarketEvent> events = TestRecordings.Decode(TestRecordings.BtcUsdm2024, 3_000);
        events.Add(new FeedGap(Venue.CoinbaseAdvanced, "BTC-USD", 1, 2, "sequence_num jumped"));
        Assert.Contains(events, e => e is BookSnapshot);
        Assert.Contains(events, e => e is BookDelta);
        Assert.Contains(events, e => e is Trade);
        Assert.Contains(events, e => e is BestBidAsk);
        var entry = new JournalEntry(42, 7, 7_000, events);
        JournalEntry back = RoundTrip(entry);
        Assert.Equal((42L, 7L, 7_000L, events.Count), (back.FeedRun, back.Seq, back.LastEvent, back.Events.Count));
        for (int i = 0; i < events.Count; i++)
        {
            MarketEvent a = events[i], b = back.Events[i];
            Assert.Equal(a.GetType(), b.GetType());
            Assert.Equal((a.Venue, a.Symbol, a.ExchangeTimeNs, a.ReceiveTimeNs), (b.Venue, b.Symbol, b.ExchangeTimeNs, b.ReceiveTimeNs));
            switch (a)
            {
                case BookDelta d: Assert.Equal(d.Levels, ((BookDelta)b).Levels); Assert.Equal((d.FirstUpdateId, d.LastUpdateId, d.PrevUpdateId), (((BookDelta)b).FirstUpdateId, ((BookDelta)b).LastUpdateId, ((BookDelta)b).PrevUpdateId)); break;
                case BookSnapshot s: Assert.Equal(s.Levels, ((BookSnapshot)b).Levels); Assert.Equal(s.UpdateId, ((BookSnapshot)b).UpdateId); break;
                default: Assert.Equal(a, b); break; // value equality of records without arrays
            }
        }
    }

    [Fact]
    public void Cross_node_messages_round_trip()
    {
        var levels = new[] { new LevelUpdate(Side.Bid, Price.Parse("1.5"), Quantity.Parse("2")), new LevelUpdate(Side.Ask, Price.Parse("1.6"), Quantity.Parse("0.00000001")) };
        Assert.Equal(new IngestAck("binance:X", 1, 2), RoundTrip(new IngestAck("binance:X", 1, 2)));
        Assert.Equal(new SnapshotNeeded("binance:X", Venue.BinanceSpot, "X", "gap"), RoundTrip(new SnapshotNeeded("binance:X", Venue.BinanceSpot, "X", "gap")));
        Assert.Equal(new GetBook("binance:X", 10), RoundTrip(new GetBook("binance:X", 10)));
        BookView view = RoundTrip(new BookView("binance:X", "Synced", true, 5, 6, 7, 8, 1, null, levels[..1], levels[1..]));
        Assert.Equal(("Synced", 8L, (string?)null), (view.State, view.EventsJournaled, view.LastProblem));
        Assert.Equal(levels[..1], view.Bids);
        BookTop top = RoundTrip(new BookTop("binance:X", false, 5, 6, 7, levels[..1], levels[1..]) { IsStale = true });
        Assert.Equal(levels[1..], top.Asks);
        Assert.True(top.IsStale);
        Assert.Equal("stale: no market data", RoundTrip(new NoPrediction("binance:X") { Reason = "stale: no market data" }).Reason);
        Assert.Null(RoundTrip(new NoPrediction("binance:X")).Reason);
        Ingest ingest = RoundTrip(new Ingest("binance:X", 3, 4, 301, [new Trade(Venue.BinanceSpot, "X", 1, 2, 3, Price.Parse("1"), Quantity.Parse("1"), Side.Ask)]));
        Assert.Equal((3L, 4L, 301L), (ingest.FeedRun, ingest.Seq, ingest.FirstEvent));
        var progress = new ReplayProgress(3, 1234, 99, ["BTCUSDT", "ETHUSDT"], Finished: true);
        ReplayProgress progressBack = RoundTrip(progress);
        Assert.Equal((3, 1234L, 99L, true), (progressBack.Pass, progressBack.Payloads, progressBack.FeedRun, progressBack.Finished));
        Assert.Equal(progress.Symbols, progressBack.Symbols);
        Assert.IsType<Trade>(Assert.Single(ingest.Events));
    }

    [Fact]
    public void Entries_and_checkpoints_journaled_before_events_were_numbered_still_read()
    {
        // The J1 layout: feed run, batch, then the typed events; C1: feed run, batch, events journaled, book.
        var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(42L); w.Write(7L); w.Write(0);
        }
        var entry = (JournalEntry)_serializer.FromBinary(stream.ToArray(), "J1");
        Assert.Equal((42L, 7L, 0L, 0), (entry.FeedRun, entry.Seq, entry.LastEvent, entry.Events.Count));
    }

    [Fact]
    public void An_unknown_manifest_is_a_clear_error()
    {
        var e = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => _serializer.FromBinary([], "X9"));
        Assert.Contains("X9", e.Message);
    }
}
