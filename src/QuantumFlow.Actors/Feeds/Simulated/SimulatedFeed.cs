using System.Diagnostics;
using Akka.Actor;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Simulation;

namespace QuantumFlow.Actors.Feeds.Simulated;

/// <summary>
/// A venue that exists only in memory: a <see cref="SimulatedMarket"/> emits a snapshot per symbol, then its events at
/// the configured rate, for ever (or up to a count). The events carry the model's own clock, so a given seed gives the
/// same journal whatever the wall-clock rate. A simulation never drops anything: while a book is behind it pauses
/// (its time simply does not advance). A book that needs a resync gets a fresh snapshot of the model's book.
/// </summary>
public sealed class SimulatedFeed : FeedActor
{
    private readonly SimulatedFeedOptions _options;
    private readonly SimulatedMarket _market;
    private readonly List<MarketEvent> _events = new();
    private readonly Stopwatch _clock = new();
    private double _budget;
    private long _lastTicks;
    private long _emitted;

    public SimulatedFeed(SimulatedFeedOptions options, IActorRef books)
        : base(Venue.Simulated, books, options.Delivery, decodes: false)
    {
        if (options.EventsPerSecond <= 0) throw new ArgumentException("events per second must be positive");
        _options = options;
        _market = new SimulatedMarket(options.Symbols, options.Seed, options.Parameters);
        Receive<Emit>(_ => OnEmit());
        Receive<SnapshotNeeded>(n =>
        {
            if (!options.Symbols.Contains(n.Symbol)) return;
            Pipeline.SnapshotsFetched++;
            Pipeline.Add(_market[n.Symbol].Snapshot());
            Flush();
        });
    }

    public static Props Props(SimulatedFeedOptions options, IActorRef books) =>
        Akka.Actor.Props.Create(() => new SimulatedFeed(options, books));

    protected override void PreStart()
    {
        base.PreStart();
        State = FeedState.Streaming;
        Pipeline.Connected(0, "simulation started");
        _market.Snapshots(_events);
        foreach (MarketEvent e in _events) Pipeline.Add(e);
        Flush();
        _clock.Start();
        _lastTicks = _clock.ElapsedTicks;
        Timers.StartPeriodicTimer(nameof(Emit), Emit.Instance, _options.Tick);
    }

    private void OnEmit()
    {
        long now = _clock.ElapsedTicks;
        double seconds = (now - _lastTicks) / (double)Stopwatch.Frequency;
        _lastTicks = now;
        // A pause (books behind, a slow machine) must not turn into a burst afterwards: carry at most one second.
        _budget = Math.Min(_budget + seconds * _options.EventsPerSecond, Math.Max(1, _options.EventsPerSecond));
        while (_budget >= 1 && _emitted < _options.MaxEvents && !Pipeline.Outbox.IsFull)
        {
            _events.Clear();
            _market.Next(_events);
            foreach (MarketEvent e in _events) Pipeline.Add(e);
            _budget--;
            _emitted++;
        }
        if (_emitted >= _options.MaxEvents)
        {
            Timers.Cancel(nameof(Emit));
            State = FeedState.Finished;
        }
        Flush();
    }

    private sealed record Emit
    {
        public static readonly Emit Instance = new();
    }
}
