using Akka.Actor;
using Akka.Event;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>
/// A live feed over one WebSocket: owns a back-off supervised <see cref="WebSocketConnection"/> child, decodes what it
/// receives, tracks Connecting / Streaming / Backoff, and tells the books of every reconnect. Messages from a
/// connection that is no longer the current one are ignored.
/// </summary>
public abstract class WebSocketFeedActor : FeedActor
{
    private readonly WebSocketEndpoint _endpoint;
    private readonly ReconnectOptions _reconnect;
    private long _current;

    protected WebSocketFeedActor(Venue venue, IActorRef books, DeliveryOptions delivery, ReconnectOptions reconnect, Uri uri)
        : base(venue, books, delivery)
    {
        _reconnect = reconnect;
        _endpoint = new WebSocketEndpoint(uri, reconnect.ConnectTimeout, reconnect.IdleTimeout);
        Receive<ConnectionAttempt>(a =>
        {
            _current = a.ConnectionId;
            State = FeedState.Connecting;
        });
        Receive<ConnectionOpened>(o =>
        {
            State = FeedState.Streaming;
            bool reconnect = Pipeline.Connects > 0;
            Pipeline.Connected(WallClock.NowNs(), reconnect ? "reconnected: messages may have been missed" : "connected");
            Log.Info("{0} feed connected to {1}{2}", venue.Id(), uri, reconnect ? $" (reconnect {Pipeline.Connects - 1})" : "");
            OnOpened();
            Flush();
        }, o => o.ConnectionId == _current);
        Receive<ConnectionFrame>(f =>
        {
            Pipeline.Decode(f.Data, f.ReceiveTimeNs);
            OnFrame();
            Flush();
        }, f => f.ConnectionId == _current);
        Receive<ConnectionClosed>(c =>
        {
            State = FeedState.Backoff;
            Pipeline.LastError = c.Reason;
            Log.Warning("{0} feed connection lost: {1}", venue.Id(), c.Reason);
            OnClosed();
        }, c => c.ConnectionId == _current);
        Receive<ConnectionOpened>(_ => { });
        Receive<ConnectionFrame>(_ => { });
        Receive<ConnectionClosed>(_ => { });
    }

    /// <summary>The back-off supervisor; messages to it reach the current connection.</summary>
    protected IActorRef Connection { get; private set; } = ActorRefs.Nobody;

    protected override void PreStart()
    {
        base.PreStart();
        Connection = Context.ActorOf(_reconnect.SupervisorProps(WebSocketConnection.Props(_endpoint, Self), "connection"), "link");
    }

    /// <summary>The socket is open: subscribe, note that snapshots are due.</summary>
    protected virtual void OnOpened() { }

    /// <summary>After each message was decoded and queued.</summary>
    protected virtual void OnFrame() { }

    protected virtual void OnClosed() { }
}
