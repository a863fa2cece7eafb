using System.Collections.Concurrent;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Web.Contracts;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Arbitrage;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Outcomes;

namespace QuantumFlow.Host.Web.Market;

/// <summary>
/// The host's projection of the node's published outputs (book tops, trades, features, predictions of every node of
/// the cluster): the latest of each per symbol, prediction history with outcomes, the paper strategy, model hit rates
/// and cross-venue arbitrage. One reader applies messages; the API and hub read concurrently under each symbol's gate.
/// </summary>
public sealed class MarketState(LabelOptions labels, WebOptions options)
{
    /// <summary>The features the dashboard shows (when the node computes them).</summary>
    public static readonly string[] Highlights =
    [
        FeatureNames.MidPrice, FeatureNames.MicroPrice, FeatureNames.MicroPriceBpsDeviation, FeatureNames.Ofi(1), FeatureNames.CksOfi(1),
        FeatureNames.VolumeImbalanceRatio, FeatureNames.DepthImbalance, FeatureNames.RealizedVolatility(20), FeatureNames.SpreadBps,
    ];

    private readonly ConcurrentDictionary<string, SymbolState> _symbols = new(StringComparer.Ordinal);
    private readonly ModelHitRates _hitRates = new();

    public LabelOptions Labels => labels;
    public WebOptions Options => options;

    public IReadOnlyList<SymbolState> Symbols => _symbols.Values.OrderBy(s => s.EntityId, StringComparer.Ordinal).ToList();

    public SymbolState? Find(string entityId) => _symbols.GetValueOrDefault(entityId);

    public SymbolState For(string entityId) => _symbols.GetOrAdd(entityId, id => new SymbolState(id, options));

    public IReadOnlyDictionary<string, (long Hits, long Count)> HitRates()
    {
        lock (_hitRates) return _hitRates.Snapshot();
    }

    /// <summary>Applies one published output and offers what changed to <paramref name="sink"/>.</summary>
    public void Apply(object message, IPushSink sink)
    {
        switch (message)
        {
            case BookTop top:
                OnBookTop(top, sink);
                break;
            case Trade trade:
                SymbolState ts = For(trade.BookId);
                TradesPayload tape;
                lock (ts.Gate)
                {
                    ts.TradeCount++;
                    tape = ts.AddTrade(new TradePayload(trade.Price.ToDecimal(), trade.Quantity.ToDecimal(), trade.Aggressor.ToString(), trade.ExchangeTimeNs / 1_000_000));
                }
                sink.Offer(ts.EntityId, PushKinds.Trades, tape);
                break;
            case FeatureSnapshot f:
                SymbolState fs = For(f.EntityId);
                var payload = new FeaturePayload(f.EntityId, f.Sequence, f.TimeNs / 1_000_000, Pick(f));
                lock (fs.Gate) fs.Features = payload;
                sink.Offer(fs.EntityId, PushKinds.Features, payload);
                break;
            case PredictionEvent p:
                OnPrediction(p, sink);
                break;
        }
    }

    /// <summary>The latest of every kind for one symbol (what a new subscriber is sent first).</summary>
    public IReadOnlyList<(string Kind, object Payload)> Latest(SymbolState s)
    {
        var latest = new List<(string, object)>();
        lock (s.Gate)
        {
            if (s.Top is { } top) latest.Add((PushKinds.Book, BookPayload.From(top)));
            if (s.Prediction is { } p) latest.Add((PushKinds.Prediction, PredictionPayload.From(p, s.PredictionMid)));
            if (s.Features is { } f) latest.Add((PushKinds.Features, f));
        }
        latest.Add((PushKinds.Paper, Paper(s)));
        if (s.Instrument is { } i) latest.Add((PushKinds.Arbitrage, Arbitrage(i.Base)));
        return latest;
    }

    public PaperPayload Paper(SymbolState s)
    {
        var all = HitRates();
        var ensemble = all.GetValueOrDefault(ModelHitRates.Ensemble);
        lock (s.Gate)
            return new PaperPayload(s.EntityId, s.Paper.Trades, s.Paper.HitRate, s.Paper.GrossPnlBps, s.Paper.FeesBps, s.Paper.NetPnlBps,
                options.TakerFee(s.Instrument?.VenueId ?? ""), s.History.ResolvedCount, ensemble.Count == 0 ? 0 : (double)ensemble.Hits / ensemble.Count);
    }

    public ArbitrageView Arbitrage(string baseAsset)
    {
        var quotes = new List<ArbitrageScanner.Quote>();
        foreach (SymbolState s in _symbols.Values)
        {
            if (s.Instrument?.Base != baseAsset) continue;
            lock (s.Gate)
            {
                if (s.Top is { IsValid: true, Bids.Count: > 0, Asks.Count: > 0 } t)
                    quotes.Add(new ArbitrageScanner.Quote(s.Instrument, t.Bids[0].Price.ToDecimal(), t.Asks[0].Price.ToDecimal()));
            }
        }
        if (quotes.Count == 0)
            return new ArbitrageView(baseAsset, $"needs two venues: no valid book carries {baseAsset} yet", []);
        return ArbitrageScanner.Scan(baseAsset, quotes, options.QuoteUsdRates, options.TakerFee);
    }

    private void OnBookTop(BookTop top, IPushSink sink)
    {
        SymbolState s = For(top.EntityId);
        lock (s.Gate)
        {
            s.Top = top;
            s.BookUpdates++;
        }
        sink.Offer(s.EntityId, PushKinds.Book, BookPayload.From(top));
        if (s.Instrument is { } i)
        {
            ArbitrageView view = Arbitrage(i.Base);
            foreach (SymbolState same in _symbols.Values.Where(o => o.Instrument?.Base == i.Base))
                sink.Offer(same.EntityId, PushKinds.Arbitrage, view);
        }
    }

    private void OnPrediction(PredictionEvent p, IPushSink sink)
    {
        SymbolState s = For(p.EntityId);
        IReadOnlyList<PredictionRecord> resolved;
        double mid;
        lock (s.Gate)
        {
            mid = s.Mid;
            s.Prediction = p;
            s.PredictionMid = mid;
            s.PredictionCount++;
            resolved = s.History.Observe(new PredictionRecord(p.Sequence, p.TimeNs, p.Predicted, p.Confidence, p.Down, p.Flat, p.Up, p.Models, mid), p.Resolved);
            foreach (PredictionRecord r in resolved) s.Paper.OnResolved(r);
        }
        if (resolved.Count > 0)
        {
            lock (_hitRates)
            {
                foreach (PredictionRecord r in resolved) _hitRates.OnResolved(r);
            }
        }
        sink.Offer(s.EntityId, PushKinds.Prediction, PredictionPayload.From(p, mid));
        if (resolved.Count > 0) sink.Offer(s.EntityId, PushKinds.Paper, Paper(s));
    }

    private static Dictionary<string, double> Pick(FeatureSnapshot f)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < f.Names.Count && i < f.Values.Count; i++)
        {
            if (Array.IndexOf(Highlights, f.Names[i]) >= 0 && double.IsFinite(f.Values[i])) values[f.Names[i]] = f.Values[i];
        }
        return values;
    }
}
