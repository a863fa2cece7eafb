using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka.Event;
using QuantumFlow.Actors.Inspection.Protocol;

namespace QuantumFlow.Actors.Inspection.Server;

/// <summary>The TCP listener of the inspection host: accepts clients and runs each connection until it or the node ends.</summary>
public sealed class InspectionServer : IAsyncDisposable
{
    /// <summary>Operators, not traffic: a few connections at once is plenty, and a runaway script cannot exhaust the node.</summary>
    public const int MaxConnections = 32;

    private readonly TcpListener _listener;
    private readonly CommandDispatcher _dispatcher;
    private readonly HelloFrame _hello;
    private readonly ILoggingAdapter _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _accepting;
    private int _stopped;

    private InspectionServer(TcpListener listener, CommandDispatcher dispatcher, HelloFrame hello, ILoggingAdapter log)
    {
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
    public static InspectionServer Start(string host, int port, CommandDispatcher dispatcher, HelloFrame hello, ILoggingAdapter log)
    {
        IPAddress address = IPAddress.TryParse(host, out IPAddress? ip) ? ip : Dns.GetHostAddresses(host).First();
        var listener = new TcpListener(address, port);
        listener.Start();
        return new InspectionServer(listener, dispatcher, hello, log);
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
            if (_connections.Count >= MaxConnections)
            {
                _ = RefuseAsync(client);
                continue;
            }
            Task connection = new InspectionConnection(client, _dispatcher, _hello, _log).RunAsync(_stopping.Token);
            _connections[connection] = true;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private static async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await new FrameWriter(client.GetStream()).WriteAsync(new EndFrame(0, ExitCodes.Failed, $"too many inspection clients (at most {MaxConnections})"), timeout.Token);
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
