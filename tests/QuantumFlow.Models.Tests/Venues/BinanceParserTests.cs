using System.Text;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.Venues.Binance;

namespace QuantumFlow.Models.Tests.Venues;

public class BinanceParserTests
{
    private static MarketMessage ParseOne(string json, Venue venue = Venue.BinanceUsdm)
    {
        ReadOnlySpan<MarketMessage> m = new BinanceParser(venue).Parse(Encoding.UTF8.GetBytes(json), 42);
        Assert.Equal(1, m.Length);
        return m[0];
    }

    [Fact]
    public void Parses_a_recorded_futures_diff_exactly_with_both_clocks()
    {
        MarketMessage m = ParseOne("""{"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","E":1721347022504,"T":1721347022504,"s":"BTCUSDT","U":4984028367545,"u":4984028370730,"pu":4984028367494,"b":[["1000.00","569.567"],["63939.80","0.100"]],"a":[["63951.10","0.000"]]}}""");
        Assert.Equal(MessageKind.Delta, m.Kind);
        Assert.Equal("BTCUSDT", m.Symbol);
        Assert.Equal(4984028367545, m.FirstUpdateId);
        Assert.Equal(4984028370730, m.LastUpdateId);
        Assert.Equal(4984028367494, m.PrevUpdateId);
        Assert.Equal(1721347022504_000_000, m.ExchangeTimeNs);
        Assert.Equal(42, m.ReceiveTimeNs);
        Assert.Equal(new[]
        {
            new LevelUpdate(Side.Bid, Price.Parse("1000"), Quantity.Parse("569.567")),
            new LevelUpdate(Side.Bid, Price.Parse("63939.8"), Quantity.Parse("0.1")),
            new LevelUpdate(Side.Ask, Price.Parse("63951.1"), Quantity.Zero),
        }, m.Levels.ToArray());
    }

    [Fact]
    public void Parses_book_ticker_trade_and_snapshot()
    {
        MarketMessage t = ParseOne("""{"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":4984028370881,"s":"BTCUSDT","b":"63943.90","B":"46.371","a":"63944.00","A":"0.095","T":1721347022507,"E":1721347022507}}""");
        Assert.Equal(MessageKind.BestBidAsk, t.Kind);
        Assert.Equal((Price.Parse("63943.9"), Quantity.Parse("46.371"), Price.Parse("63944"), Quantity.Parse("0.095")), (t.BidPrice, t.BidQuantity, t.AskPrice, t.AskQuantity));

        MarketMessage spotTicker = ParseOne("""{"stream":"btcusdt@bookTicker","data":{"u":36090299876,"s":"BTCUSDT","b":"28165.47000000","B":"7.98680000","a":"28165.48000000","A":"3.26888000"}}""", Venue.BinanceSpot);
        Assert.Equal(MessageKind.BestBidAsk, spotTicker.Kind);
        Assert.Equal(36090299876, spotTicker.LastUpdateId);

        MarketMessage trade = ParseOne("""{"stream":"btcusdt@trade","data":{"e":"trade","E":1680652700455,"T":1680652700452,"s":"BTCUSDT","t":3535186032,"p":"28145.10","q":"0.002","X":"MARKET","m":true}}""");
        Assert.Equal(MessageKind.Trade, trade.Kind);
        Assert.Equal(Side.Ask, trade.Aggressor); // buyer was maker: the seller took liquidity
        Assert.Equal(1680652700452_000_000, trade.ExchangeTimeNs);
        Assert.Equal(3535186032, trade.TradeId);

        // Recorded by cryptofeed from COIN-M: 'a' is the aggregate id here, a number, not an ask price.
        MarketMessage agg = ParseOne("""{"stream":"bchusd_perp@aggTrade","data":{"e":"aggTrade","E":1626916404006,"a":11285749,"s":"BCHUSD_PERP","p":"427.91","q":"3","f":16034449,"l":16034449,"T":1626916403852,"m":true}}""", Venue.BinanceCoinm);
        Assert.Equal(MessageKind.Trade, agg.Kind);
        Assert.Equal((11285749L, Price.Parse("427.91"), Quantity.Parse("3"), Side.Ask, 1626916403852_000_000L), (agg.TradeId, agg.TradePrice, agg.TradeQuantity, agg.Aggressor, agg.ExchangeTimeNs));
        Assert.Equal(default, agg.AskPrice);
        // Field order is not fixed: the id may come before the event type, and the full reader agrees.
        MarketMessage spotAgg = ParseOne("""{"a":26129,"e":"aggTrade","E":123456789,"s":"BNBBTC","p":"0.001","q":"100","f":100,"l":105,"T":123456785,"m":false,"M":true}""", Venue.BinanceSpot);
        Assert.Equal((26129L, Side.Bid), (spotAgg.TradeId, spotAgg.Aggressor));
        MarketEvent viaReader = new BinanceParser(Venue.BinanceSpot).ParseWithReader(Encoding.UTF8.GetBytes("""{"a":26129,"e":"aggTrade","E":123456789,"s":"BNBBTC","p":"0.001","q":"100","f":100,"l":105,"T":123456785,"m":false,"M":true}"""), 42)[0].ToEvent();
        Assert.Equal(spotAgg.ToEvent(), viaReader);

        MarketMessage snap = ParseOne("""{"lastUpdateId":4984028384061,"E":1721347022759,"T":1721347022750,"bids":[["63943.90","46.372"]],"asks":[["63944.00","0.095"]]}""");
        Assert.Equal(MessageKind.Snapshot, snap.Kind);
        Assert.Equal(4984028384061, snap.LastUpdateId);
        Assert.Equal("", snap.Symbol);
        Assert.Equal(2, snap.Levels.Length);
        // COIN-M's REST snapshot names its symbol (and its pair).
        MarketMessage coinm = ParseOne("""{"lastUpdateId":167006132946,"E":1626916408268,"T":1626916408265,"symbol":"BTCUSD_211231","pair":"BTCUSD","bids":[["32623.3","72"]],"asks":[["32623.4","5"]]}""", Venue.BinanceCoinm);
        Assert.Equal((MessageKind.Snapshot, "BTCUSD_211231"), (coinm.Kind, coinm.Symbol));

        Assert.Equal(MessageKind.Other, ParseOne("""{"result":null,"id":1}""").Kind);
        Assert.Equal(MessageKind.Other, ParseOne("""{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"1.0"}}""").Kind);
    }

    [Fact]
    public void A_fill_covered_by_either_trade_stream_counts_once()
    {
        var parser = new BinanceParser(Venue.BinanceUsdm);
        MessageKind Kind(string json) => parser.Parse(Encoding.UTF8.GetBytes(json), 0)[0].Kind;
        string Trade(string symbol, long id) => $$"""{"e":"trade","E":1,"T":1,"s":"{{symbol}}","t":{{id}},"p":"1.0","q":"2","m":true}""";
        string Agg(long id, long first, long last) => $$"""{"e":"aggTrade","E":1,"a":{{id}},"s":"BTCUSDT","p":"1.0","q":"2","f":{{first}},"l":{{last}},"T":1,"m":true}""";

        Assert.Equal(MessageKind.Trade, Kind(Trade("BTCUSDT", 100)));
        Assert.Equal(MessageKind.Trade, Kind(Trade("BTCUSDT", 101)));
        Assert.Equal(MessageKind.Other, Kind(Agg(7, 100, 101)));   // the aggTrade stream's copy of fills 100-101
        Assert.Equal(MessageKind.Trade, Kind(Agg(8, 102, 104)));   // fills the trade stream has not shown yet
        Assert.Equal(MessageKind.Other, Kind(Trade("BTCUSDT", 103)));
        Assert.Equal(MessageKind.Other, Kind(Trade("BTCUSDT", 101))); // a replay after a reconnect
        Assert.Equal(MessageKind.Trade, Kind(Trade("ETHUSDT", 50)));  // ids are per symbol
        Assert.Equal(MessageKind.Trade, Kind(Trade("BTCUSDT", 105)));
    }

    [Theory]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"pu":0,"b":[["-1.0","1"]],"a":[]}""", "negative value")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"pu":0,"b":[["abc","1"]],"a":[]}""", "bad number 'abc' in 'b'")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"X","u":2,"pu":0,"b":[],"a":[]}""", "depthUpdate without 'U'")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"X","U":3,"u":2,"pu":0,"b":[],"a":[]}""", "U 3 > u 2")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"pu":0,"b":[["1.0"]],"a":[]}""", "has a price but no size")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"pu":0,"b":{"x":1},"a":[]}""", "'b' should be a value, found StartObject")]
    [InlineData("""{"e":"trade","E":1,"s":"X","t":5,"p":"1.0","m":true}""", "trade without 'q'")]
    [InlineData("""{"e":"aggTrade","E":1,"s":"X","p":"1.0","q":"2","f":1,"l":1,"T":1,"m":true}""", "aggTrade without 'a'")]
    [InlineData("""{"e":"aggTrade","E":1,"s":"X","a":"7","p":"1.0","q":"2","T":1,"m":true}""", "aggTrade without 'a'")]
    [InlineData("""{"e":"aggTrade","E":1,"s":"X","a":7,"p":"1.0","q":"2","T":1}""", "aggTrade without 'm'")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"pu":0,"b":[["1.0","1"]""", "malformed JSON")]
    [InlineData("""[1,2,3]""", "not a JSON object")]
    [InlineData("""{"e":5,"s":"X"}""", "'e' should be a string")]
    [InlineData("""{"lastUpdateId":5,"bids":[["1.0","0"]],"asks":[]}""", "zero size")]
    [InlineData("""{"e":"depthUpdate","E":"yesterday","s":"X","U":1,"u":2,"pu":0,"b":[],"a":[]}""", "'E' should be an integer")]
    [InlineData("""{"e":"depthUpdate","E":99999999999999999,"s":"X","U":1,"u":2,"pu":0,"b":[],"a":[]}""", "'E' 99999999999999999 is not a time in milliseconds")]
    [InlineData("""{"e":"trade","E":1,"T":-5,"s":"X","t":5,"p":"1.0","q":"2","m":true}""", "'T' -5 is not a time in milliseconds")]
    public void Bad_input_gets_an_error_naming_the_venue_and_what_was_wrong(string json, string expected)
    {
        var parser = new BinanceParser(Venue.BinanceUsdm);
        var e = Assert.Throws<MarketDataException>(() => parser.Parse(Encoding.UTF8.GetBytes(json), 0).Length);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("binance-usdm: ", e.Message);
    }

    [Fact]
    public void Round_trips_through_the_immutable_event()
    {
        MarketMessage m = ParseOne("""{"e":"depthUpdate","E":5,"s":"BTCUSDT","U":1,"u":2,"pu":0,"b":[["1.5","2"]],"a":[["1.6","0"]]}""");
        var e = (BookDelta)m.ToEvent();
        Assert.Equal("binance-usdm:BTCUSDT", e.BookId);
        var back = new MarketMessage();
        back.Load(e);
        Assert.Equal(m.Levels.ToArray(), back.Levels.ToArray());
        Assert.Equal((m.FirstUpdateId, m.LastUpdateId, m.PrevUpdateId, m.ExchangeTimeNs, m.Symbol), (back.FirstUpdateId, back.LastUpdateId, back.PrevUpdateId, back.ExchangeTimeNs, back.Symbol));
    }

    [Theory]
    [InlineData("binance-hftbacktest/usdm/btcusdt_20240718.gz", Venue.BinanceUsdm)]
    [InlineData("binance-hftbacktest/spot/btcusdt_20230405.dat.gz", Venue.BinanceSpot)]
    [InlineData("binance-hftbacktest/usdm/btcusdt_20230404.dat.gz", Venue.BinanceUsdm)]
    public void The_flat_fast_path_and_the_full_reader_agree_on_every_real_message(string file, Venue venue)
    {
        using var reader = QuantumFlow.Models.Recording.RecordingFormat.Open([TestData.Shared(file)], venue);
        var fast = new BinanceParser(venue);
        var full = new BinanceParser(venue);
        int flat = 0, total = 0;
        while (reader.TryRead(out var payload))
        {
            MarketEvent? a = Single(fast.Parse(payload.Data, payload.ReceiveTimeNs));
            MarketEvent? b = Single(full.ParseWithReader(payload.Data, payload.ReceiveTimeNs));
            total++;
            if (a is Trade or BestBidAsk) flat++;
            // The glance that lets feature tables skip best bid/ask payloads never skips anything else.
            if (fast.IsBestBidAskOnly(payload.Data)) Assert.IsType<BestBidAsk>(b);
            else Assert.IsNotType<BestBidAsk>(b);
            Assert.Equal(b?.GetType(), a?.GetType());
            if (a is BookDelta da) Assert.Equal(((BookDelta)b!).Levels, da.Levels);
            else if (a is BookSnapshot sa) Assert.Equal(((BookSnapshot)b!).Levels, sa.Levels);
            else Assert.Equal(b, a);
        }
        Assert.True(flat > total / 2, $"{flat} of {total} messages are flat");
    }

    private static MarketEvent? Single(ReadOnlySpan<MarketMessage> messages) =>
        messages.Length == 1 && messages[0].Kind is not MessageKind.Other ? messages[0].ToEvent() : null;
}
