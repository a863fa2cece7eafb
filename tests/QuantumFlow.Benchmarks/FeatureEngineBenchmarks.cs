using BenchmarkDotNet.Attributes;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Benchmarks;

/// <summary>
/// Replays a real BTCUSDT USD-M session (3,320 diffs after sync, 974 trades) through the book and the full default feature set.
/// Times are per book update (OperationsPerInvoke); trades are replayed too and their cost is included. The engine
/// needs the book as updated, so the baseline replays the book alone: the engine's own cost is the difference.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FeatureEngineBenchmarks
{
    // The synced snapshot + the 3,320 diffs applied after it (the recording's other 6 diffs are buffered before the
    // snapshot and applied with it, or are stale). OperationsPerInvoke needs a constant; Setup checks it.
    private const int Updates = 3_321;

    private RecordedSession _session = null!;
    private OrderBook _book = null!;
    private FeatureEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = RecordedSession.Load("binance-hftbacktest/usdm/btcusdt_20240718.gz");
        if (_session.BookUpdates != Updates)
            throw new InvalidOperationException($"expected {Updates} book updates, loaded {_session.BookUpdates}");
        _book = new OrderBook(Venue.BinanceUsdm, "BTCUSDT");
        _engine = new FeatureEngine();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates)]
    public long BookOnly()
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
    public double BookAndFeatures()
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
        return v[0];
    }
}
