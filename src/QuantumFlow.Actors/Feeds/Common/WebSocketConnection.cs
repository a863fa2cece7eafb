using System.Net.WebSockets;
using System.Text;
using Akka.Actor;
using Akka.Pattern;

namespace QuantumFlow.Actors.Feeds.Common;

/// <summary>
/// One attempt at one WebSocket connection, living under a back-off supervisor. It connects asynchronously, then a
/// reader task passes every message straight to the feed (the actor never waits on the socket). When the link dies
/// (closed, failed, or silent for longer than the idle timeout) it tells the feed and stops itself; the supervisor
/// starts the next attempt after a growing, jittered delay, reset once a connection delivers data.
/// </summary>
public sealed class WebSocketConnection : ReceiveActor
{
    private readonly WebSocketEndpoint _endpoint;
    private readonly IActorRef _feed;
    private readonly long _id = Random.Shared.NextInt64(1, long.MaxValue);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ClientWebSocket _socket = new();
    private Task _sends = Task.CompletedTask;

    public WebSocketConnection(WebSocketEndpoint endpoint, IActorRef feed)
    {
        _endpoint = endpoint;
        _feed = feed;
        Receive<Opened>(_ => OnOpened());
        Receive<Streaming>(_ => Context.Parent.Tell(BackoffSupervisor.Reset.Instance));
        Receive<Lost>(l =>
        {
            _feed.Tell(new ConnectionClosed(_id, l.Reason));
            Context.Stop(Self);
        });
        Receive<SendText>(OnSend);
    }

    public static Props Props(WebSocketEndpoint endpoint, IActorRef feed) =>
        Akka.Actor.Props.Create(() => new WebSocketConnection(endpoint, feed));

    protected override void PreStart()
    {
        _feed.Tell(new ConnectionAttempt(_id, _endpoint.Uri));
        _endpoint.Configure?.Invoke(_socket.Options);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_endpoint.ConnectTimeout);
        _socket.ConnectAsync(_endpoint.Uri, timeout.Token)
            .ContinueWith(t =>
            {
                timeout.Dispose();
                return t.IsCompletedSuccessfully ? (object)Opened.Instance : new Lost($"connect to {_endpoint.Uri} failed: {Reason(t.Exception)}");
            }, TaskContinuationOptions.ExecuteSynchronously)
            .PipeTo(Self);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _socket.Abort();
        _socket.Dispose();
    }

    private void OnOpened()
    {
        _feed.Tell(new ConnectionOpened(_id));
        IActorRef self = Self;
        _ = Task.Run(() => ReadLoop(self));
    }

    private void OnSend(SendText send)
    {
        if (_socket.State != WebSocketState.Open) return; // the next connection subscribes afresh
        byte[] bytes = Encoding.UTF8.GetBytes(send.Text);
        IActorRef self = Self;
        CancellationToken ct = _stopping.Token;
        // One send at a time is all a WebSocket allows: chain them.
        _sends = _sends.ContinueWith(async _ =>
        {
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                self.Tell(new Lost($"send failed: {Reason(e)}"));
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    private async Task ReadLoop(IActorRef self)
    {
        CancellationToken stopping = _stopping.Token;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        byte[] buffer = new byte[1 << 16];
        bool first = true;
        try
        {
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult r;
                idle.CancelAfter(_endpoint.IdleTimeout);
                do
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= _endpoint.MaxMessageBytes)
                        {
                            self.Tell(new Lost($"message larger than {_endpoint.MaxMessageBytes} bytes"));
                            return;
                        }
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }
                    r = await _socket.ReceiveAsync(buffer.AsMemory(length), idle.Token).ConfigureAwait(false);
                    length += r.Count;
                } while (!r.EndOfMessage && r.MessageType != WebSocketMessageType.Close);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    self.Tell(new Lost($"closed by the venue: {_socket.CloseStatus} {_socket.CloseStatusDescription}".TrimEnd()));
                    return;
                }
                _feed.Tell(new ConnectionFrame(_id, buffer.AsSpan(0, length).ToArray(), WallClock.NowNs()));
                if (first)
                {
                    first = false;
                    self.Tell(Streaming.Instance);
                }
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // stopped by the actor: nothing to report
        }
        catch (OperationCanceledException)
        {
            self.Tell(new Lost($"no message for {_endpoint.IdleTimeout.TotalSeconds:0.###} s: connection presumed dead"));
        }
        catch (Exception e)
        {
            self.Tell(new Lost($"receive failed: {Reason(e)}"));
        }
    }

    private static string Reason(Exception? e)
    {
        while (e is AggregateException { InnerException: { } inner }) e = inner;
        if (e is OperationCanceledException) return "timed out";
        return e is null ? "unknown" : e.InnerException is { } i ? $"{e.Message} ({i.Message})" : e.Message;
    }

    private sealed record Opened
    {
        public static readonly Opened Instance = new();
    }

    private sealed record Streaming
    {
        public static readonly Streaming Instance = new();
    }

    private sealed record Lost(string Reason);
}
