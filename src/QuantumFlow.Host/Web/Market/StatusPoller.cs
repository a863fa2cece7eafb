using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Inspection.Handlers;
using QuantumFlow.Host.Web.Contracts;
using QuantumFlow.Host.Web.Hubs;
using QuantumFlow.Host.Web.Metrics;

namespace QuantumFlow.Host.Web.Market;

/// <summary>
/// Polls what is not published: this node's feeds, every book of the cluster (through the inspection host's
/// <see cref="BookDirectory"/> and <see cref="FeedDirectory"/>, then GetBook), the cluster membership. Feeds /ready,
/// /metrics (journal rate and lag, feed state, resyncs, hit rates) and the dashboard's status panel.
/// </summary>
public sealed class StatusPoller(IServiceProvider services, MarketState market, PushThrottle throttle, WebOptions options) : BackgroundService
{
    private readonly Dictionary<string, (long Events, DateTimeOffset At)> _previous = new(StringComparer.Ordinal);
    private volatile StatusPayload? _latest;

    /// <summary>The last poll; null before the first one.</summary>
    public StatusPayload? Latest => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ActorSystem system = services.GetRequiredService<ActorSystem>();
        var context = new InspectionContext(system, services.GetRequiredService<IActorRegistry>(), JournalOptions.Default) { AskTimeout = TimeSpan.FromSeconds(2) };
        IActorRef books = services.GetRequiredService<IRequiredActor<BookRegion>>().ActorRef;
        using var timer = new PeriodicTimer(options.StatusEvery);
        try
        {
            do
            {
                StatusPayload status = await PollAsync(system, context, books);
                _latest = status;
                throttle.Offer(PushThrottle.AllSymbols, PushKinds.Status, status);
                WebMetrics.HubClients.Set(throttle.Clients);
                WebMetrics.HubReplaced.Set(throttle.Replaced);
                foreach (var (model, (hits, count)) in market.HitRates())
                {
                    WebMetrics.ModelHitRate.WithLabels(model).Set(count == 0 ? 0 : (double)hits / count);
                    WebMetrics.ModelResolved.WithLabels(model).Set(count);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<StatusPayload> PollAsync(ActorSystem system, InspectionContext context, IActorRef region)
    {
        var problems = new List<string>();
        Cluster cluster = Cluster.Get(system);
        Member self = cluster.SelfMember;
        if (self.Status != MemberStatus.Up) problems.Add($"this node is {self.Status}, not Up");
        var members = cluster.State.Members
            .Select(m => new MemberPayload(m.Address.ToString(), m.Status.ToString(), m.Roles.OrderBy(r => r, StringComparer.Ordinal).ToList()))
            .ToList();

        var feeds = await new FeedDirectory(context).QueryAsync();
        var backlog = new Dictionary<string, int>(StringComparer.Ordinal);
        var feedPayloads = new List<FeedPayload>();
        foreach (var (name, s) in feeds)
        {
            if (s is null)
            {
                feedPayloads.Add(new FeedPayload(name, null, "no answer", 0, 0, 0, 0, null));
                problems.Add($"feed {name} did not answer");
                continue;
            }
            feedPayloads.Add(new FeedPayload(name, s.Venue.ToString(), s.State.ToString(), s.Messages, s.BadMessages, s.Reconnects, s.Resends, s.LastError));
            WebMetrics.FeedMessages.WithLabels(name).Set(s.Messages);
            WebMetrics.FeedReconnects.WithLabels(name).Set(s.Reconnects);
            foreach (FeedState state in Enum.GetValues<FeedState>())
                WebMetrics.FeedState.WithLabels(name, state.ToString()).Set(state == s.State ? 1 : 0);
            foreach (BookBacklog b in s.Books)
            {
                backlog[b.EntityId] = b.Backlog;
                WebMetrics.FeedBacklog.WithLabels(b.EntityId).Set(b.Backlog);
            }
        }

        var (locations, silent) = await new BookDirectory(context).ListAsync();
        foreach (string node in silent) problems.Add($"the book region on {node} did not answer");
        var now = DateTimeOffset.UtcNow;
        var views = await Task.WhenAll(locations.Select(async l =>
        {
            try
            {
                return (l, (BookView?)await region.Ask<BookView>(new GetBook(l.EntityId, 1), context.AskTimeout));
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return (l, null);
            }
        }));
        var bookPayloads = new List<BookStatusPayload>();
        foreach (var (location, view) in views)
        {
            if (view is null)
            {
                problems.Add($"book {location.EntityId} did not answer");
                bookPayloads.Add(new BookStatusPayload(location.EntityId, location.Node, "no answer", false, 0, 0, 0, backlog.GetValueOrDefault(location.EntityId), null));
                continue;
            }
            SymbolState state = market.For(view.EntityId);
            lock (state.Gate) state.View = view;
            double rate = 0;
            if (_previous.TryGetValue(view.EntityId, out var before) && now > before.At)
                rate = Math.Max(0, (view.EventsJournaled - before.Events) / (now - before.At).TotalSeconds);
            _previous[view.EntityId] = (view.EventsJournaled, now);
            WebMetrics.JournaledEvents.WithLabels(view.EntityId).Set(view.EventsJournaled);
            WebMetrics.JournalWriteRate.WithLabels(view.EntityId).Set(rate);
            WebMetrics.Resyncs.WithLabels(view.EntityId).Set(view.Resyncs);
            WebMetrics.BookValid.WithLabels(view.EntityId).Set(view.IsValid ? 1 : 0);
            WebMetrics.BookStale.WithLabels(view.EntityId).Set(view.State == BookActor.Stale ? 1 : 0);
            if (!view.IsValid) problems.Add($"book {view.EntityId} is not valid ({view.LastProblem ?? view.State})");
            bookPayloads.Add(new BookStatusPayload(view.EntityId, location.Node, view.State, view.IsValid, view.EventsJournaled, rate, view.Resyncs,
                backlog.TryGetValue(view.EntityId, out int b) ? b : null, view.LastProblem));
        }
        if (bookPayloads.Count == 0) problems.Add("no book has started yet");
        return new StatusPayload(now, problems.Count == 0, problems, self.Address.ToString(), self.Status.ToString(), members, feedPayloads, bookPayloads);
    }
}
