using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka.Event;
using QuantumFlow.Inspection;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Actors.Inspection.Server;

/// <summary>The TCP listener of the inspection host: accepts clients and runs each connection until it or the node ends.</summary>
public sealed class InspectionServer : IAsyncDisposable
{
    /// <summary>
    /// Operators, not traffic: a few connections at once is plenty, and a runaway script cannot exhaust the node. When
    /// the node has a token, the last slot is kept for a client that brings it, so an operator can always get in.
    /// </summary>
    public const int MaxConnections = 32;

    private readonly TcpListener _listener;
    private readonly CommandDispatcher _dispatcher;
    private readonly HelloFrame _hello;
    private readonly ILoggingAdapter _log;
    private readonly InspectionOptions _limits;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _accepting;
    private int _stopped;

    private InspectionServer(TcpListener listener, CommandDispatcher dispatcher, HelloFrame hello, ILoggingAdapter log, InspectionOptions limits)
    {
        _limits = limits;
        _listener = listener;
        _dispatcher = dispatcher;
        _hello = hello;
        _log = log;
        Endpoint = (IPEndPoint)listener.LocalEndpoint;
        _accepting = Task.Run(AcceptAsync);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Binds at once, so a port in use is reported to the caller rather than lost in a background task.</summary>
    /// <exception cref="SocketException">the address cannot be bound.</exception>
    /// <param name="limits">the hello deadline and idle timeout (defaults when null).</param>
    public static InspectionServer Start(string host, int port, CommandDispatcher dispatcher, HelloFrame hello, ILoggingAdapter log, InspectionOptions? limits = null)
    {
        IPAddress address = IPAddress.TryParse(host, out IPAddress? ip) ? ip : Dns.GetHostAddresses(host).First();
        var listener = new TcpListener(address, port);
        listener.Start();
        return new InspectionServer(listener, dispatcher, hello, log, limits ?? new InspectionOptions());
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested) return;
                _log.Warning("inspection host: accept failed: {0}", e.Message);
                continue;
            }
            client.NoDelay = true;
            int open = _connections.Count;
            if (open >= MaxConnections)
            {
                _ = RefuseAsync(client);
                continue;
            }
            bool keptSlot = _dispatcher.KeepsSlotForToken && open == MaxConnections - 1;
            Task connection = new InspectionConnection(client, _dispatcher, _hello, _log, _limits, keptSlot).RunAsync(_stopping.Token);
            _connections[connection] = true;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    /// <summary>The answer to a client turned away: every slot taken (or only the kept one left and no token given).</summary>
    internal static string Full => $"too many inspection clients (at most {MaxConnections}, the last kept for a client with the node's token)";

    private static async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await new FrameWriter(client.GetStream()).WriteAsync(new EndFrame(0, ExitCodes.Failed, Full), timeout.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _stopping.Cancel();
        _listener.Stop();
        try
        {
            await Task.WhenAll(_connections.Keys.Append(_accepting)).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            _log.Warning("inspection host: connections still open after 5 s; leaving them to close with the process");
        }
        _stopping.Dispose();
    }
}
