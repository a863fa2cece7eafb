using Prometheus;

namespace QuantumFlow.Host.Web.Metrics;

/// <summary>
/// The node's Prometheus series (scraped at /metrics; names in docs/WEB.md). Counters and histograms are fed by the
/// host's single output-stream reader and the status poller, never by the book actors, so metrics cannot slow books.
/// HTTP request latency comes from prometheus-net's own middleware (http_request_duration_seconds).
/// </summary>
public static class WebMetrics
{
    public static readonly Counter BookUpdates = Prometheus.Metrics.CreateCounter("qf_book_updates_total", "Book tops published (one per journaled batch).", "symbol");
    public static readonly Counter Trades = Prometheus.Metrics.CreateCounter("qf_trades_total", "Trades published.", "symbol");
    public static readonly Counter Predictions = Prometheus.Metrics.CreateCounter("qf_predictions_total", "Predictions published.", "symbol");
    public static readonly Counter OutputsDropped = Prometheus.Metrics.CreateCounter("qf_outputs_dropped_total", "Outputs the host's reader dropped because it fell behind (latest wins).");

    public static readonly Histogram PredictionLatency = Prometheus.Metrics.CreateHistogram("qf_prediction_latency_seconds",
        "From the predictor receiving a book update to its prediction (all models answered).",
        new HistogramConfiguration { LabelNames = ["symbol"], Buckets = Histogram.ExponentialBuckets(0.00005, 2, 16) });

    public static readonly Gauge FeedMessages = Prometheus.Metrics.CreateGauge("qf_feed_messages", "Messages a feed of this node has read.", "feed");
    public static readonly Gauge FeedState = Prometheus.Metrics.CreateGauge("qf_feed_state", "1 for the state a feed of this node is in.", "feed", "state");
    public static readonly Gauge FeedReconnects = Prometheus.Metrics.CreateGauge("qf_feed_reconnects", "Reconnects of a feed of this node.", "feed");
    public static readonly Gauge FeedBacklog = Prometheus.Metrics.CreateGauge("qf_journal_lag_batches", "Batches a feed has sent a book that are not journaled yet (journal lag).", "book");

    public static readonly Gauge JournaledEvents = Prometheus.Metrics.CreateGauge("qf_journal_events", "Events a book has journaled.", "book");
    public static readonly Gauge JournalWriteRate = Prometheus.Metrics.CreateGauge("qf_journal_write_rate", "Events per second a book journaled since the previous poll.", "book");
    public static readonly Gauge Resyncs = Prometheus.Metrics.CreateGauge("qf_book_resyncs", "Resyncs of a book since it started.", "book");
    public static readonly Gauge BookValid = Prometheus.Metrics.CreateGauge("qf_book_valid", "1 when a book is valid (synced, not crossed, not stale).", "book");
    public static readonly Gauge BookStale = Prometheus.Metrics.CreateGauge("qf_book_stale", "1 when a book has had no market data for longer than its stale-after time.", "book");

    public static readonly Gauge ModelHitRate = Prometheus.Metrics.CreateGauge("qf_model_hit_rate", "Share of resolved predictions whose most likely class was the outcome.", "model");
    public static readonly Gauge ModelResolved = Prometheus.Metrics.CreateGauge("qf_model_resolved", "Resolved predictions counted in qf_model_hit_rate.", "model");

    public static readonly Gauge HubClients = Prometheus.Metrics.CreateGauge("qf_hub_clients", "Connected SignalR clients.");
    public static readonly Gauge HubReplaced = Prometheus.Metrics.CreateGauge("qf_hub_replaced", "Pushes replaced by a newer value before they were sent (per-client throttling).");
}
