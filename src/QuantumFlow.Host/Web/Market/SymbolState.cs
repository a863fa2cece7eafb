using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Web.Contracts;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Outcomes;

namespace QuantumFlow.Host.Web.Market;

/// <summary>What the host knows of one book: its latest outputs and derived views. Guarded by <see cref="Gate"/>.</summary>
public sealed class SymbolState(string entityId, WebOptions options)
{
    private readonly Queue<TradePayload> _trades = new();

    public string EntityId { get; } = entityId;
    public Instrument? Instrument { get; } = Instrument.TryParse(entityId);
    public object Gate { get; } = new();
    public BookTop? Top { get; set; }
    /// <summary>The book actor's own view (state, journal count, resyncs), polled.</summary>
    public BookView? View { get; set; }
    public PredictionEvent? Prediction { get; set; }
    public double PredictionMid { get; set; }
    public FeaturePayload? Features { get; set; }
    public PredictionHistory History { get; } = new(options.HistoryPerSymbol);
    public PaperStrategy Paper { get; } = new(options.PaperMinConfidence, options.TakerFee(Instrument.TryParse(entityId)?.VenueId ?? ""));
    public long BookUpdates { get; set; }
    public long TradeCount { get; set; }
    public long PredictionCount { get; set; }

    public double Mid => Top is { Bids.Count: > 0, Asks.Count: > 0 } t ? (t.Bids[0].Price.ToDouble() + t.Asks[0].Price.ToDouble()) / 2 : 0;

    public TradesPayload AddTrade(TradePayload trade)
    {
        _trades.Enqueue(trade);
        while (_trades.Count > options.TradesPerSymbol) _trades.Dequeue();
        return new TradesPayload(EntityId, _trades.ToList());
    }
}
