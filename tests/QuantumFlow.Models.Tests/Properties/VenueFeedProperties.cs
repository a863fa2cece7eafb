using System.Globalization;
using System.Text;
using CsCheck;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Tests.Venues;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Properties;

/// <summary>
/// Issue 18: any bytes a venue (or a damaged recording) can send are a <see cref="MarketDataException"/> or messages,
/// never another exception; and however garbage is interleaved, a book the sync calls valid is exactly the book the
/// valid messages build, while a lost diff is always noticed.
/// </summary>
public sealed class VenueFeedProperties
{
    /// <summary>Cases per property per run (docs/RELIABILITY.md quotes these).</summary>
    public const int RandomBytesCases = 20_000, MutatedMessageCases = 20_000, BookSyncCases = 2_000;

    private static readonly Venue[] Venues = [Venue.BinanceSpot, Venue.BinanceUsdm, Venue.BinanceCoinm, Venue.CoinbaseAdvanced, Venue.CoinbaseExchange];

    private static readonly string[] ValidPayloads =
    [
        SessionProbe.SpotDiff(1, 2),
        SessionProbe.FuturesDiff(150, 155, 149),
        SessionProbe.Snapshot(158),
        """{"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":4984028370881,"s":"BTCUSDT","b":"63943.90","B":"46.371","a":"63944.00","A":"0.095","T":1721347022507,"E":1721347022507}}""",
        """{"stream":"btcusdt@trade","data":{"e":"trade","E":1721347022507,"T":1721347022507,"s":"BTCUSDT","t":1,"p":"63943.90","q":"0.001","m":true}}""",
        """{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1721347022507,"a":11285749,"s":"BTCUSDT","p":"63943.90","q":"0.001","f":16034449,"l":16034450,"T":1721347022507,"m":true}}""",
        """{"type":"l2update","product_id":"BTC-USD","changes":[["buy","100.00","1.5"]],"time":"2024-07-19T00:00:00.000000Z"}""",
        """{"type":"snapshot","product_id":"BTC-USD","bids":[["100.00","1"]],"asks":[["101.00","2"]]}""",
        """{"channel":"l2_data","timestamp":"2024-07-19T00:00:00Z","sequence_num":1,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","event_time":"2024-07-19T00:00:00Z","price_level":"100","new_quantity":"1"}]}]}""",
    ];

    /// <summary>Feeds one payload; only the documented exception may come out.</summary>
    private static void Feed(MarketDataSession session, byte[] payload)
    {
        try
        {
            session.Process(payload, 1, "BTCUSDT");
        }
        catch (MarketDataException)
        {
            // The documented refusal: no book was changed.
        }
    }

    [Fact]
    public void Any_bytes_are_refused_or_parsed_never_a_crash()
    {
        Gen.Select(Gen.Int[0, Venues.Length - 1], Gen.Byte.Array[0, 600])
            .Sample((v, bytes) => Feed(new MarketDataSession(Venues[v]), bytes), iter: RandomBytesCases);
    }

    [Fact]
    public void Valid_messages_with_bytes_changed_cut_or_inserted_are_refused_or_parsed()
    {
        Gen.Select(Gen.Int[0, Venues.Length - 1], Gen.Int[0, ValidPayloads.Length - 1], Gen.Int[0, 1000].List[1, 4], Gen.Byte, Gen.Int[0, 2])
            .Sample((v, p, positions, value, how) =>
            {
                var bytes = new List<byte>(Encoding.UTF8.GetBytes(ValidPayloads[p]));
                foreach (int raw in positions)
                {
                    if (bytes.Count == 0) break;
                    int at = raw % bytes.Count;
                    switch (how)
                    {
                        case 0: bytes[at] = value; break;
                        case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                        default: bytes.Insert(at, value); break;
                    }
                }
                Feed(new MarketDataSession(Venues[v]), [.. bytes]);
            }, iter: MutatedMessageCases);
    }

    /// <summary>One diff: the levels it sets (quantity 0 removes), bids under 110 and asks above, so the book never crosses.</summary>
    private sealed record Diff(IReadOnlyList<(bool Bid, int Tick, int Lots)> Levels);

    private static readonly Gen<Diff> DiffGen =
        Gen.Select(Gen.Bool, Gen.Int[0, 40], Gen.Int[0, 5]).List[1, 6].Select(l => new Diff(l));

    private static string Px(bool bid, int tick) => (bid ? 109.9m - tick * 0.1m : 110.1m + tick * 0.1m).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Json(long first, long last, long prev, Diff d)
    {
        string Side(bool bid) => string.Join(",", d.Levels.Where(l => l.Bid == bid).Select(l => $"[\"{Px(bid, l.Tick)}\",\"{l.Lots}\"]"));
        return $$"""{"e":"depthUpdate","E":1,"T":1,"s":"BTCUSDT","U":{{first}},"u":{{last}},"pu":{{prev}},"b":[{{Side(true)}}],"a":[{{Side(false)}}]}""";
    }

    [Fact]
    public void Garbage_between_diffs_never_makes_a_wrong_book_and_a_lost_diff_is_always_noticed()
    {
        Gen.Select(DiffGen.List[1, 30], Gen.Byte.Array[1, 80].List[0, 10], Gen.Int[0, 1000], Gen.Bool)
            .Sample((diffs, garbage, seed, dropOne) =>
            {
                var session = new MarketDataSession(Venue.BinanceUsdm);
                Feed(session, Encoding.UTF8.GetBytes("""{"lastUpdateId":100,"E":1,"T":1,"bids":[["109.9","1"]],"asks":[["110.1","1"]]}"""));
                var bids = new SortedDictionary<decimal, decimal> { [109.9m] = 1 };
                var asks = new SortedDictionary<decimal, decimal> { [110.1m] = 1 };
                int dropped = dropOne ? seed % diffs.Count : -1;
                long prev = 99, id = 95;
                var rng = new Random(seed);
                int g = 0;
                for (int i = 0; i < diffs.Count; i++)
                {
                    long first = id, last = i == 0 ? 105 : id + rng.Next(0, 3);
                    if (i != dropped)
                    {
                        Feed(session, Encoding.UTF8.GetBytes(Json(first, last, prev, diffs[i])));
                        if (dropped < 0 || i < dropped || dropped == diffs.Count - 1)
                        {
                            foreach (var (bid, tick, lots) in diffs[i].Levels)
                            {
                                var side = bid ? bids : asks;
                                decimal px = decimal.Parse(Px(bid, tick), CultureInfo.InvariantCulture);
                                if (lots == 0) side.Remove(px);
                                else side[px] = lots;
                            }
                        }
                    }
                    if (g < garbage.Count && rng.Next(2) == 0) Feed(session, garbage[g++]);
                    prev = last;
                    id = last + 1 + rng.Next(0, 3);
                }
                OrderBook book = session.Books["BTCUSDT"].Book;
                if (dropped > 0 && dropped < diffs.Count - 1)
                {
                    // A diff after the first was lost: pu no longer chains, so the book must not claim to be in sync.
                    Assert.NotEqual(BookState.Synced, book.State);
                    return;
                }
                if (dropped == 0 && diffs.Count > 1) return; // without the diff that brackets the snapshot the book waits; nothing to compare
                Assert.Equal(BookState.Synced, book.State);
                Assert.Equal(bids.Reverse().Select(kv => (kv.Key, kv.Value)), Levels(book.Bids));
                Assert.Equal(asks.Select(kv => (kv.Key, kv.Value)), Levels(book.Asks));
            }, iter: BookSyncCases);
    }

    private static IEnumerable<(decimal, decimal)> Levels(BookSide side) =>
        Enumerable.Range(0, side.Count).Select(i => (side[i].Price.ToDecimal(), side[i].Quantity.ToDecimal())).ToList();
}
