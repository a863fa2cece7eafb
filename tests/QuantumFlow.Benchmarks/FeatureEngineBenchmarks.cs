using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Benchmarks;

/// <summary>
/// Replays a real BTCUSDT USD-M session (the synced snapshot, 3,320 diffs, 974 trades) through an order book and the
/// full default feature set. Times are per book update (OperationsPerInvoke); trades are replayed too and their cost is
/// included. The engine reads the book as updated, so each pair has a baseline that replays the book alone and the
/// engine's cost is the difference:
/// <list type="bullet">
/// <item>FullBook: the real book (about 1,000 levels a side): the end-to-end cost.</item>
/// <item>TopBook: a book holding only the top 20 levels a side (all the engine reads), updated by precomputed changes
/// of those levels, while the engine gets the real messages. Its baseline is small, so the difference isolates the
/// engine with less noise. Both methods first read each real message's levels, as applying it to a real book would,
/// so the engine is not charged for bringing the message into cache. Setup checks that both paths give identical
/// features.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FeatureEngineBenchmarks
{
    // The synced snapshot + the 3,320 diffs applied after it (the recording's other 6 diffs are buffered before the
    // snapshot and applied with it, or are stale). OperationsPerInvoke needs a constant; Setup checks it.
    private const int Updates = 3_321;

    private RecordedSession _session = null!;
    private OrderBook _book = null!;
    private OrderBook _top = null!;
    private FeatureEngine _engine = null!;
    private long _touched;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new FeatureEngine();
        _session = RecordedSession.Load("binance-hftbacktest/usdm/btcusdt_20240718.gz", _engine.Options.MirrorDepth);
        if (_session.BookUpdates != Updates)
            throw new InvalidOperationException($"expected {Updates} book updates, loaded {_session.BookUpdates}");
        _book = new OrderBook(Venue.BinanceUsdm, "BTCUSDT");
        _top = new OrderBook(Venue.BinanceUsdm, "BTCUSDT");
        double[] full = [.. FullBookWithFeatures().Values];
        double[] top = [.. TopBookWithFeatures().Values];
        if (!full.AsSpan().SequenceEqual(top)) throw new InvalidOperationException("the top-of-book replay does not reproduce the features");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates)]
    [BenchmarkCategory("FullBook")]
    public long FullBookOnly()
    {
        MarketMessage s = _session.Snapshot;
        _book.ApplySnapshot(s.Levels, s.LastUpdateId, s.ExchangeTimeNs, s.ReceiveTimeNs);
        foreach (MarketMessage m in _session.Messages)
        {
            if (m.Kind == MessageKind.Delta) _book.ApplyDelta(m.Levels, m.LastUpdateId, m.ExchangeTimeNs, m.ReceiveTimeNs);
        }
        return _book.UpdateCount;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    [BenchmarkCategory("FullBook")]
    public FeatureVector FullBookWithFeatures()
    {
        _engine.Reset();
        MarketMessage s = _session.Snapshot;
        _book.ApplySnapshot(s.Levels, s.LastUpdateId, s.ExchangeTimeNs, s.ReceiveTimeNs);
        FeatureVector v = _engine.OnBookUpdate(_book, s);
        foreach (MarketMessage m in _session.Messages)
        {
            if (m.Kind == MessageKind.Delta)
            {
                _book.ApplyDelta(m.Levels, m.LastUpdateId, m.ExchangeTimeNs, m.ReceiveTimeNs);
                v = _engine.OnBookUpdate(_book, m);
            }
            else
            {
                v = _engine.OnTrade(m);
            }
        }
        return v;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates)]
    [BenchmarkCategory("TopBook")]
    public long TopBookOnly()
    {
        MarketMessage s = _session.TopSnapshot;
        _top.ApplySnapshot(s.Levels, s.LastUpdateId, s.ExchangeTimeNs, s.ReceiveTimeNs);
        MarketMessage?[] deltas = _session.TopDeltas;
        for (int i = 0; i < deltas.Length; i++)
        {
            MarketMessage? d = deltas[i];
            if (d is not null)
            {
                _top.ApplyDelta(d.Levels, d.LastUpdateId, d.ExchangeTimeNs, d.ReceiveTimeNs);
                _touched += Touch(_session.Messages[i]);
            }
        }
        return _top.UpdateCount;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    [BenchmarkCategory("TopBook")]
    public FeatureVector TopBookWithFeatures()
    {
        _engine.Reset();
        MarketMessage s = _session.TopSnapshot;
        _top.ApplySnapshot(s.Levels, s.LastUpdateId, s.ExchangeTimeNs, s.ReceiveTimeNs);
        FeatureVector v = _engine.OnBookUpdate(_top, _session.Snapshot);
        MarketMessage[] messages = _session.Messages;
        MarketMessage?[] deltas = _session.TopDeltas;
        for (int i = 0; i < messages.Length; i++)
        {
            MarketMessage? d = deltas[i];
            if (d is not null)
            {
                _top.ApplyDelta(d.Levels, d.LastUpdateId, d.ExchangeTimeNs, d.ReceiveTimeNs);
                _touched += Touch(messages[i]);
                v = _engine.OnBookUpdate(_top, messages[i]);
            }
            else
            {
                v = _engine.OnTrade(messages[i]);
            }
        }
        return v;
    }

    private static long Touch(MarketMessage m)
    {
        long sum = 0;
        foreach (ref readonly LevelUpdate l in m.Levels) sum += l.Price.Raw ^ l.Quantity.Raw;
        return sum;
    }
}
