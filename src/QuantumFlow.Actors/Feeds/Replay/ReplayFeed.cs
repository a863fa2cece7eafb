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
/// </summary>
public sealed class ReplayFeed : FeedActor
{
    private const int PayloadsPerTurn = 256; // then let acks and status requests in

    private readonly ReplayOptions _options;
    private readonly IActorRef? _finished;
    private readonly ReplayPacer _pacer;
    private readonly Stopwatch _elapsed = new();
    private RecordingSource? _source;
    private bool _waitingForAcks;
    private bool _ended;
    private bool _failed;
    private long _payloads;
    private long _passPayloads;

    public ReplayFeed(ReplayOptions options, IActorRef books, IActorRef? finished)
        : base(options.Venue == Models.Market.Venue.Unknown ? RecordingFormat.DetectVenue(options.Paths[0]) : options.Venue, books, options.Delivery)
    {
        _options = options;
        _finished = finished;
        _pacer = new ReplayPacer(options.Speed);
        Receive<Pump>(_ => OnPump());
        Receive<SnapshotNeeded>(n =>
            Log.Warning("replay of {0}: book {1} needs a snapshot ({2}); only the recording's own snapshots can resync it", Pipeline.Venue, n.EntityId, n.Reason));
    }

    public static Props Props(ReplayOptions options, IActorRef books, IActorRef? finished = null) =>
        Akka.Actor.Props.Create(() => new ReplayFeed(options, books, finished));

    protected override void PreStart()
    {
        base.PreStart();
        StartPass();
    }

    protected override void PostStop()
    {
        _source?.Dispose();
        base.PostStop();
    }

    protected override void OnAcked()
    {
        if (_waitingForAcks && !Pipeline.Outbox.IsFull)
        {
            _waitingForAcks = false;
            OnPump();
        }
        else if (_ended && Pipeline.Outbox.IsIdle)
        {
            EndOfPass();
        }
    }

    private void StartPass()
    {
        _source?.Dispose();
        _source = new RecordingSource(_options.Paths, Pipeline.Venue, _options.ReadAhead, _options.MaxPayloads);
        _ended = false;
        _passPayloads = 0;
        _pacer.Restart();
        _elapsed.Restart();
        State = FeedState.Streaming;
        // Books of a previous pass must resync from this pass's snapshot; on the first pass there are none yet.
        Pipeline.Connected(WallClock.NowNs(), "replay started");
        Self.Tell(Pump.Instance);
    }

    // Exactly one pump chain runs at a time: each turn ends by waiting for acks, for a timer, for the reader, by
    // handing itself the next turn, or at the end of the recording.
    private void OnPump()
    {
        if (_ended || _source is null) return;
        var items = _source.Items;
        for (int n = 0; n < PayloadsPerTurn; n++)
        {
            if (Pipeline.Outbox.IsFull)
            {
                _waitingForAcks = true;
                Flush();
                return;
            }
            if (!items.TryPeek(out RecordedItem? item))
            {
                Flush();
                if (items.Completion.IsCompleted)
                {
                    if (items.Completion.IsFaulted)
                    {
                        // The recording could not be opened or read on: looping would only fail again.
                        _failed = true;
                        Pipeline.LastError = items.Completion.Exception?.GetBaseException().Message;
                        Log.Error("replay of {0} failed: {1}", Pipeline.Venue, Pipeline.LastError);
                    }
                    _ended = true;
                    if (Pipeline.Outbox.IsIdle) EndOfPass();
                }
                else
                {
                    items.WaitToReadAsync().AsTask().ContinueWith(_ => Pump.Instance, TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
                }
                return;
            }
            if (item.Kind != PayloadKind.Connected && item.ReceiveTimeNs != 0)
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
        }
        Flush();
        Self.Tell(Pump.Instance);
    }

    private void Deliver(RecordedItem item)
    {
        _payloads++;
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
            Pipeline.NewRun(NewFeedRun());
            StartPass();
            return;
        }
        State = FeedState.Finished;
        _ended = true;
        _source?.Dispose();
        _source = null;
        FeedStatus s = Pipeline.Status(State);
        _finished?.Tell(new ReplayFinished(Pipeline.Venue, s.FeedRun, _payloads, s.BadMessages, _elapsed.Elapsed));
    }

    private sealed record Pump
    {
        public static readonly Pump Instance = new();
    }
}
