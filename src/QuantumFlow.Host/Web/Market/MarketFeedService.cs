using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Web.Hubs;
using QuantumFlow.Host.Web.Metrics;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Web.Market;

/// <summary>
/// The host's one subscription to the node's outputs (books, trades, features, predictions; cluster-wide pub-sub):
/// applies each to <see cref="MarketState"/>, counts it for /metrics, and offers the changes to the hub's throttle.
/// A bounded latest-wins stream in between, so the host falling behind drops old outputs instead of slowing books.
/// </summary>
public sealed class MarketFeedService(IServiceProvider services, MarketState market, PushThrottle throttle) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the subscription is acknowledged on every topic.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ActorSystem system = services.GetRequiredService<ActorSystem>();
        using OutputStream stream = OutputStream.Subscribe(system, [Topics.Books, Topics.Trades, Topics.Features, Topics.Predictions], capacity: 8192);
        await stream.Ready.WaitAsync(stoppingToken);
        _ready.TrySetResult();
        long dropped = 0;
        try
        {
            await foreach (object message in stream.Reader.ReadAllAsync(stoppingToken))
            {
                Count(message);
                market.Apply(message, throttle);
                if (stream.Dropped != dropped)
                {
                    WebMetrics.OutputsDropped.Inc(stream.Dropped - dropped);
                    dropped = stream.Dropped;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Count(object message)
    {
        switch (message)
        {
            case BookTop t:
                WebMetrics.BookUpdates.WithLabels(t.EntityId).Inc();
                break;
            case Trade t:
                WebMetrics.Trades.WithLabels(t.BookId).Inc();
                break;
            case PredictionEvent p:
                WebMetrics.Predictions.WithLabels(p.EntityId).Inc();
                WebMetrics.PredictionLatency.WithLabels(p.EntityId).Observe(p.LatencyNs / 1e9);
                break;
        }
    }
}
