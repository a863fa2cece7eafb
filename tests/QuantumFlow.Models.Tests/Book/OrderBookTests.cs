using QuantumFlow.Models.Book;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Tests.Book;

public class OrderBookTests
{
    private static LevelUpdate Bid(string p, string q) => new(Side.Bid, Price.Parse(p), Quantity.Parse(q));
    private static LevelUpdate Ask(string p, string q) => new(Side.Ask, Price.Parse(p), Quantity.Parse(q));

    private static OrderBook Book(params LevelUpdate[] levels)
    {
        var book = new OrderBook(Venue.BinanceSpot, "BTCUSDT");
        book.ApplySnapshot(levels, 100, 1, 2);
        return book;
    }

    [Fact]
    public void Orders_each_side_best_first_and_reports_top_of_book()
    {
        OrderBook book = Book(Bid("99.5", "1"), Bid("100", "2"), Bid("98", "3"), Ask("101", "4"), Ask("100.5", "5"), Ask("103", "6"));
        Assert.True(book.IsValid);
        Assert.Equal(Price.Parse("100"), book.BestBid);
        Assert.Equal(Price.Parse("100.5"), book.BestAsk);
        Assert.Equal(new[] { "100", "99.5", "98" }, Enumerable.Range(0, 3).Select(i => book.Bids[i].Price.ToString()));
        Assert.Equal(new[] { "100.5", "101", "103" }, Enumerable.Range(0, 3).Select(i => book.Asks[i].Price.ToString()));
        Assert.Equal(100.25m, book.Mid);
        Assert.Equal(Price.Parse("0.5"), book.Spread);
        Assert.Equal(Quantity.Parse("3"), book.Bids.DepthTo(Price.Parse("99.5")));
        Assert.Equal(Quantity.Parse("9"), book.Asks.DepthOfLevels(2));
        Assert.Equal(1, book.Asks.DepthOf(Price.Parse("101")));
        Assert.Equal(-1, book.Asks.DepthOf(Price.Parse("102")));
    }

    [Fact]
    public void Spread_in_bps_is_relative_to_the_mid()
    {
        OrderBook book = Book(Bid("100", "1"), Ask("100.5", "1"));
        Assert.Equal(49.875, book.SpreadBps, 3);
    }

    [Fact]
    public void Zero_removes_a_level_and_zero_for_an_unknown_level_changes_nothing()
    {
        OrderBook book = Book(Bid("100", "2"), Bid("99", "1"), Ask("101", "4"));
        Assert.True(book.ApplyDelta([Bid("100", "0"), Bid("98.7", "0"), Ask("105", "0")], 101, 3, 4));
        Assert.Equal(Price.Parse("99"), book.BestBid);
        Assert.Equal(1, book.Bids.Count);
        Assert.Equal(1, book.Asks.Count);
        Assert.Equal(101, book.LastUpdateId);
    }

    [Fact]
    public void Walks_levels_to_fill_a_size()
    {
        OrderBook book = Book(Bid("100", "1"), Ask("101", "1"), Ask("102", "2"), Ask("103", "5"));
        Assert.True(book.Asks.TryPriceForSize(Quantity.Parse("2.5"), out Price worst, out Quantity filled));
        Assert.Equal(Price.Parse("102"), worst);
        Assert.Equal(Quantity.Parse("2.5"), filled);
        Assert.False(book.Asks.TryPriceForSize(Quantity.Parse("9"), out _, out Quantity partial));
        Assert.Equal(Quantity.Parse("8"), partial);
    }

    [Fact]
    public void A_crossed_snapshot_is_refused_and_leaves_the_book_as_it_was()
    {
        OrderBook book = Book(Bid("100", "2"), Ask("101", "4"));
        var e = Assert.Throws<InvalidDataException>(() => book.ApplySnapshot([Bid("102", "1"), Ask("101.5", "1")], 200, 5, 6));
        Assert.Contains("crossed", e.Message);
        Assert.Equal(Price.Parse("100"), book.BestBid);
        Assert.Equal(100, book.LastUpdateId);
        Assert.True(book.IsValid);
    }

    [Fact]
    public void A_delta_that_crosses_the_book_makes_it_invalid()
    {
        OrderBook book = Book(Bid("100", "2"), Ask("101", "4"));
        Assert.False(book.ApplyDelta([Bid("101.5", "1")], 101, 0, 0));
        Assert.True(book.IsCrossed);
        Assert.False(book.IsValid);
    }

    [Fact]
    public void Resyncing_and_empty_books_are_never_valid()
    {
        var empty = new OrderBook(Venue.BinanceSpot, "X");
        Assert.False(empty.IsValid);
        Assert.Equal(0m, empty.Mid);
        Assert.Equal(0, empty.SpreadBps);
        OrderBook book = Book(Bid("100", "2"), Ask("101", "4"));
        book.MarkResyncing();
        Assert.Equal(BookState.Resyncing, book.State);
        Assert.False(book.IsValid);
    }

    [Fact]
    public void Matches_a_sorted_dictionary_reference_under_random_updates()
    {
        var rng = new Random(42);
        var book = new OrderBook(Venue.BinanceSpot, "X");
        book.ApplySnapshot([], 0, 0, 0);
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        for (int step = 0; step < 50_000; step++)
        {
            // Bids live below 10000, asks above, around a drifting touch, with some far-away levels.
            bool isBid = rng.Next(2) == 0;
            long offset = rng.Next(10) == 0 ? rng.Next(1, 5000) : rng.Next(1, 60);
            long price = (isBid ? 10_000 - offset : 10_000 + offset) * 1_000_000;
            long size = rng.Next(3) == 0 ? 0 : rng.Next(1, 1000) * 1_000;
            book.ApplyDelta([new LevelUpdate(isBid ? Side.Bid : Side.Ask, new Price(price), new Quantity(size))], step, 0, 0);
            var reference = isBid ? bids : asks;
            if (size == 0) reference.Remove(price); else reference[price] = size;

            if (step % 97 == 0)
            {
                Assert.Equal(bids.Count, book.Bids.Count);
                Assert.Equal(asks.Count, book.Asks.Count);
                var expectedBids = bids.Reverse().Take(20).Select(kv => new Level(new Price(kv.Key), new Quantity(kv.Value)));
                var expectedAsks = asks.Take(20).Select(kv => new Level(new Price(kv.Key), new Quantity(kv.Value)));
                Level[] top = new Level[20];
                Assert.Equal(expectedBids, top[..book.Bids.CopyTop(top)]);
                Assert.Equal(expectedAsks, top[..book.Asks.CopyTop(top)]);
            }
        }
    }
}
