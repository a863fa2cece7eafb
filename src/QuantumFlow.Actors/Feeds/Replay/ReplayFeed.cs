using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Models.Recording;

namespace QuantumFlow.Actors.Feeds.Replay;

/// <summary>
/// Replays a recording as if it were the live connection: the same decoding, the same batches, paced by the recorded
/// receive times (or unpaced). It never reads further while a book's backlog is full, so an unpaced replay loses
/// nothing; a non-looping replay tells <c>finished</c> once every batch is acknowledged. Books asking for a snapshot
/// can only be logged: a recording has no snapshot other than those it holds, which a loop replays.
/// <para>
/// Its position is journaled (<see cref="ReplayCursor"/>): a restarted replay resumes after the last payload all its
/// books had journaled, numbering the events as before so the books skip what they journaled since; a finished one
/// does nothing again. A new pass's feed run is journaled before its first event is delivered.
/// </para>
/// </summary>
public sealed class ReplayFeed : FeedActor
{
    private const int PayloadsPerTurn = 256; // then let acks and status requests in

    private readonly ReplayOptions _options;
    private readonly IActorRef? _finished;
    private readonly ReplayPacer _pacer;
    private readonly Stopwatch _elapsed = new();
    private readonly Stopwatch _sinceCheckpoint = new();
    private IActorRef _cursor = ActorRefs.Nobody;
    private RecordingSource? _source;
    private bool _waitingForAcks;
    private bool _ended;
    private bool _failed;
    private bool _started;
    private bool _awaitingRunSaved; // the pump starts once the pass's feed run is journaled
    private bool _finishReported;
    private long _payloads;
    private long _passPayloads;
    private int _pass;
    private IReadOnlyList<string> _passSymbols = [];
    private long _resumeAt;
    private long _alreadyJournaled;
    private long _journaledPayloads; // the position last saved: what a restart on any node resumes after
    private Stopwatch? _skipping;
    // Positions not yet journaled, oldest first: the payloads read when each was taken, each book's events queued by
    // then, and when. A position is journaled once the books have acknowledged those events, which trails the reading
    // by the backlog; the reading stops while the oldest is more than MaxLag old (MustWait).
    private readonly Queue<(long Payloads, IReadOnlyDictionary<string, long> Queued, long TakenAt)> _candidates = new();

    public ReplayFeed(ReplayOptions options, IActorRef books, IActorRef? finished)
        : base(options.Venue == Models.Market.Venue.Unknown ? RecordingFormat.DetectVenue(options.Paths[0]) : options.Venue, books, options.Delivery)
    {
        _options = options;
        _finished = finished;
        _pacer = new ReplayPacer(options.Speed);
        Receive<ReplayProgressRecovered>(r => OnRecovered(r.Progress));
        Receive<ReplayProgress>(OnSaved);
        Receive<Terminated>(t => t.ActorRef.Equals(_cursor), _ =>
        {
            // The journal refused a position: go on replaying, but a restart will repeat from the last saved one.
            Log.Error("replay of {0}: its position can no longer be journaled", Pipeline.Venue);
            _cursor = ActorRefs.Nobody;
            if (!_started) OnRecovered(null);
            else if (_awaitingRunSaved) OnSaved(new ReplayProgress(_pass, 0, Pipeline.Outbox.FeedRun, _passSymbols, Finished: false));
            else if (State == FeedState.Finished) Finish();
        });
        Receive<Pump>(_ => OnPump());
        Receive<SnapshotNeeded>(n =>
            Log.Warning("replay of {0}: book {1} needs a snapshot ({2}); only the recording's own snapshots can resync it", Pipeline.Venue, n.EntityId, n.Reason));
    }

    public static Props Props(ReplayOptions options, IActorRef books, IActorRef? finished = null) =>
        Akka.Actor.Props.Create(() => new ReplayFeed(options, books, finished));

    protected override void PreStart()
    {
        base.PreStart();
        _cursor = Context.Watch(Context.ActorOf(ReplayCursor.Props(_options.Key()), "cursor"));
        _cursor.Tell(GetReplayProgress.Instance);
    }

    protected override void PostStop()
    {
        _source?.Dispose();
        base.PostStop();
    }

    private void OnRecovered(ReplayProgress? progress)
    {
        if (_started) return;
        _started = true;
        _elapsed.Restart();
        if (progress is null)
        {
            StartPass(1, NewFeedRun(), [], resumeAt: 0);
        }
        else if (!progress.Finished)
        {
            // A warning: the replay restarted (its node was restarted, or it failed over to this one).
            Log.Warning("replay of {0}: resuming pass {1} after payload {2}, which its books had journaled", Pipeline.Venue, progress.Pass, progress.Payloads);
            _alreadyJournaled = progress.Payloads;
            StartPass(progress.Pass, progress.FeedRun, progress.Symbols, progress.Payloads);
        }
        else if (_options.Loop)
        {
            StartPass(progress.Pass + 1, NewFeedRun(), progress.Symbols, resumeAt: 0);
        }
        else
        {
            Log.Info("replay of {0}: already replayed to its end into this journal; nothing to do", Pipeline.Venue);
            _alreadyJournaled = progress.Payloads;
            Finish();
        }
    }

    protected override void OnAcked()
    {
        MaybeCheckpoint();
        if (_waitingForAcks && !MustWait)
        {
            _waitingForAcks = false;
            OnPump();
        }
        else if (_ended && Pipeline.Outbox.IsIdle)
        {
            EndOfPass();
        }
    }

    private void StartPass(int pass, long feedRun, IReadOnlyList<string> symbols, long resumeAt)
    {
        _source?.Dispose();
        _source = new RecordingSource(_options.Paths, Pipeline.Venue, _options.ReadAhead, _options.MaxPayloads);
        Pipeline.NewRun(feedRun);
        Pipeline.Decoder!.NewSession();
        Pipeline.Decoder.Know(symbols);
        (_pass, _passSymbols, _resumeAt) = (pass, Pipeline.Decoder.Symbols.ToArray(), resumeAt);
        _ended = false;
        _passPayloads = 0;
        _candidates.Clear();
        _skipping = resumeAt > 0 ? Stopwatch.StartNew() : null;
        _pacer.Restart();
        _sinceCheckpoint.Restart();
        State = FeedState.Streaming;
        // Books of a previous pass must resync from this pass's snapshot; on the first pass there are none yet.
        Pipeline.Connected(WallClock.NowNs(), "replay started");
        if (resumeAt > 0)
        {
            Self.Tell(Pump.Instance);
        }
        else
        {
            // The feed run must be in the journal before any of its events, or a restart would deliver them again as
            // the previous run's.
            _awaitingRunSaved = true;
            Save(new ReplayProgress(pass, 0, feedRun, _passSymbols, Finished: false));
        }
    }

    private void Save(ReplayProgress progress)
    {
        if (_cursor.IsNobody()) OnSaved(progress);
        else _cursor.Tell(progress);
    }

    private void OnSaved(ReplayProgress saved)
    {
        // For whoever watches the node (and tests): how far the replay is durably.
        Context.System.EventStream.Publish(saved);
        _journaledPayloads = saved.Payloads;
        if (saved.Finished)
        {
            Finish();
        }
        else if (_awaitingRunSaved && saved.FeedRun == Pipeline.Outbox.FeedRun)
        {
            _awaitingRunSaved = false;
            Self.Tell(Pump.Instance);
        }
    }

    // Takes a position now and then, and journals the latest one every book has acknowledged the events of.
    private void MaybeCheckpoint()
    {
        if (_skipping is not null || _ended) return;
        if (_sinceCheckpoint.Elapsed >= _options.CheckpointEvery)
        {
            _candidates.Enqueue((_passPayloads, Pipeline.Outbox.Queued(), Stopwatch.GetTimestamp()));
            _sinceCheckpoint.Restart();
        }
        long? confirmed = null;
        while (_candidates.TryPeek(out var c) && Pipeline.Outbox.Acknowledges(c.Queued))
        {
            confirmed = c.Payloads;
            _candidates.Dequeue();
        }
        if (confirmed is { } payloads) Save(new ReplayProgress(_pass, payloads, Pipeline.Outbox.FeedRun, _passSymbols, Finished: false));
    }

    /// <summary>A book's backlog is full, or the books have not journaled a position taken <see cref="ReplayOptions.MaxLag"/> ago: read on once they acknowledge more.</summary>
    private bool MustWait => Pipeline.Outbox.IsFull || Lagging;

    private bool Lagging => _candidates.TryPeek(out var c) && Stopwatch.GetElapsedTime(c.TakenAt) > _options.MaxLag;

    // Exactly one pump chain runs at a time: each turn ends by waiting for acks, for a timer, for the reader, by
    // handing itself the next turn, or at the end of the recording.
    private void OnPump()
    {
        if (_ended || _source is null) return;
        var items = _source.Items;
        for (int n = 0; n < PayloadsPerTurn; n++)
        {
            if (_skipping is null && MustWait)
            {
                _waitingForAcks = true;
                Flush();
                return;
            }
            if (!items.TryPeek(out RecordedItem? item))
            {
                if (_skipping is null) Flush();
                if (items.Completion.IsCompleted)
                {
                    if (items.Completion.IsFaulted)
                    {
                        // The recording could not be opened or read on: looping would only fail again.
                        _failed = true;
                        Pipeline.LastError = items.Completion.Exception?.GetBaseException().Message;
                        Log.Error("replay of {0} failed: {1}", Pipeline.Venue, Pipeline.LastError);
                    }
                    if (_skipping is not null) Skipped();
                    _ended = true;
                    if (Pipeline.Outbox.IsIdle) EndOfPass();
                }
                else
                {
                    items.WaitToReadAsync().AsTask().ContinueWith(_ => Pump.Instance, TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
                }
                return;
            }
            if (_skipping is null && item.Kind != PayloadKind.Connected && item.ReceiveTimeNs != 0)
            {
                TimeSpan delay = _pacer.Delay(item.ReceiveTimeNs, Stopwatch.GetTimestamp());
                if (delay > TimeSpan.Zero)
                {
                    Flush();
                    Timers.StartSingleTimer(nameof(Pump), Pump.Instance, delay);
                    return;
                }
            }
            items.TryRead(out _);
            Deliver(item);
            if (_skipping is not null)
            {
                Pipeline.Outbox.SkipPending();
                if (_passPayloads >= _resumeAt) Skipped();
            }
        }
        if (_skipping is null) Flush();
        MaybeCheckpoint();
        Self.Tell(Pump.Instance);
    }

    private void Skipped()
    {
        Log.Info("replay of {0}: re-read {1} payloads its books had journaled in {2} ms; delivering from there", Pipeline.Venue, _passPayloads, _skipping!.ElapsedMilliseconds);
        _skipping = null;
        _sinceCheckpoint.Restart();
    }

    private void Deliver(RecordedItem item)
    {
        if (_skipping is null) _payloads++;
        _passPayloads++;
        if (item.Error is not null)
        {
            // The reader could not frame this line: count it like a payload the venue garbled.
            Pipeline.Bad(item.Error);
            return;
        }
        switch (item.Kind)
        {
            case PayloadKind.Connected:
                Pipeline.Connected(item.ReceiveTimeNs, "recorded reconnect");
                break;
            case PayloadKind.RestSnapshot:
                Pipeline.SnapshotsFetched++;
                Pipeline.Decode(item.Data, item.ReceiveTimeNs, item.Symbol);
                break;
            default:
                Pipeline.Decode(item.Data, item.ReceiveTimeNs, item.Symbol);
                break;
        }
    }

    private void EndOfPass()
    {
        if (State == FeedState.Finished) return;
        if (_options.Loop && !_failed)
        {
            Log.Info("replay of {0}: pass of {1} payloads done, looping", Pipeline.Venue, _passPayloads);
            StartPass(_pass + 1, NewFeedRun(), Pipeline.Decoder!.Symbols, resumeAt: 0);
            return;
        }
        State = FeedState.Finished;
        _ended = true;
        _source?.Dispose();
        _source = null;
        if (_failed) Finish();
        else Save(new ReplayProgress(_pass, _passPayloads, Pipeline.Outbox.FeedRun, Pipeline.Decoder!.Symbols.ToArray(), Finished: true));
    }

    private void Finish()
    {
        if (_finishReported) return;
        _finishReported = true;
        State = FeedState.Finished;
        FeedStatus s = Pipeline.Status(State);
        _finished?.Tell(new ReplayFinished(Pipeline.Venue, s.FeedRun, _payloads, s.BadMessages, _elapsed.Elapsed) { AlreadyJournaled = _alreadyJournaled });
    }

    protected override FeedStatus Status() =>
        base.Status() with
        {
            Position = $"pass {_pass}: {_passPayloads} payloads read, {_journaledPayloads} journaled" +
                (_waitingForAcks && Lagging ? $"; waiting for its books to catch up (more than {_options.MaxLag.TotalSeconds:0.#} s behind)" : ""),
        };

    private sealed record Pump
    {
        public static readonly Pump Instance = new();
    }
}
