using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace QuantumFlow.Actors.Feeds.Replay;

/// <summary>
/// A replay's journaled position (<see cref="ReplayProgress"/>), a child of the replay feed. Keeps only the latest
/// entry. Answers <see cref="GetReplayProgress"/> once recovered, and echoes each progress back to its sender once it
/// is journaled, so the feed can wait before it delivers a new feed run's first event.
/// </summary>
public sealed class ReplayCursor : ReceivePersistentActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ReplayProgress? _last;

    public ReplayCursor(string key)
    {
        PersistenceId = PersistenceIdOf(key);
        Recover<ReplayProgress>(p => _last = p);
        Command<GetReplayProgress>(_ => Sender.Tell(new ReplayProgressRecovered(_last)));
        Command<ReplayProgress>(progress =>
        {
            IActorRef feed = Sender;
            Persist(progress, saved =>
            {
                _last = saved;
                feed.Tell(saved);
                if (LastSequenceNr > 1) DeleteMessages(LastSequenceNr - 1);
            });
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning("replay cursor {0}: old positions not deleted: {1}", PersistenceId, f.Cause.Message));
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string key) => "replay|" + key;

    public static Props Props(string key) => Akka.Actor.Props.Create(() => new ReplayCursor(key));
}

/// <summary>Asks a <see cref="ReplayCursor"/> for its recovered position.</summary>
public sealed record GetReplayProgress
{
    public static readonly GetReplayProgress Instance = new();
}

/// <summary>The recovered position; null for a replay never started on this journal.</summary>
public sealed record ReplayProgressRecovered(ReplayProgress? Progress);
