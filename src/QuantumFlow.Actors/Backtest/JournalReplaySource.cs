using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Models.Backtest;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Backtest;

/// <summary>
/// Replays one book's journal (Akka.Persistence.Query, <c>CurrentEventsByPersistenceId</c> of the book entity: its
/// journal entries in the order the book persisted and applied them) through a <see cref="PredictionReplay"/>. Every
/// entry's events are applied from the first one, because the book needs its snapshot and the predictor its warm-up;
/// steps are yielded only for events received in [<paramref name="fromNs"/>, <paramref name="toNs"/>), and reading
/// stops after <paramref name="toNs"/>. Reads through its own local actor system on the node's journal configuration.
/// <paramref name="maxBatch"/> above 1 batches the model calls (<see cref="PredictionReplay.Push"/>; same steps).
/// <para>
/// Equal to what the live node predicted for a run without restarts: a restarted book's predictor starts again from
/// its book checkpoint with empty windows and fresh learners, which a replay from the start does not.
/// </para>
/// </summary>
public sealed class JournalReplaySource(
    JournalOptions journal,
    string entityId,
    PredictionReplay replay,
    long fromNs = long.MinValue,
    long toNs = long.MaxValue,
    bool everyEvent = true,
    int maxBatch = 1) : IReplaySource
{
    public string Description => $"journal {journal}: {entityId}";

    public long? EstimatedEvents => null;

    /// <summary>Journal entries read so far.</summary>
    public long Entries { get; private set; }

    public IEnumerable<ReplayStep> Steps(CancellationToken cancellationToken)
    {
        if (journal.Provider == JournalProvider.Memory) throw new ArgumentException("an in-memory journal cannot be read back: use sqlite: or postgres:", nameof(journal));
        Config config = ConfigurationFactory.ParseString("akka.actor.provider = local\nakka.loglevel = WARNING")
            .WithFallback(NodeConfig.Build(new NodeOptions { Journal = journal }));
        using ActorSystem system = ActorSystem.Create("quantumflow-replay", config);
        try
        {
            var reader = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            var steps = new List<ReplayStep>();
            ISinkQueue<EventEnvelope> queue = reader.CurrentEventsByPersistenceId(BookActor.PersistenceIdOf(entityId), 0, long.MaxValue)
                .RunWith(Sink.Queue<EventEnvelope>(), system.Materializer());
            while (queue.PullAsync().WaitAsync(cancellationToken).GetAwaiter().GetResult() is { HasValue: true } next)
            {
                if (next.Value.Event is not JournalEntry entry)
                    throw new InvalidDataException($"journal of {entityId}, sequence {next.Value.SequenceNr}: a {next.Value.Event?.GetType().Name ?? "null"} where a journal entry was expected");
                Entries++;
                bool end = false;
                foreach (MarketEvent e in entry.Events)
                {
                    if (end = e.ReceiveTimeNs >= toNs) break;
                    replay.Push(e, steps, everyEvent, maxBatch);
                }
                foreach (ReplayStep step in steps)
                {
                    if (step.Event.ReceiveTimeNs >= fromNs) yield return step;
                }
                steps.Clear();
                if (end) break;
            }
            replay.Flush(steps, everyEvent);
            foreach (ReplayStep step in steps)
            {
                if (step.Event.ReceiveTimeNs >= fromNs) yield return step;
            }
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
    }
}
