using System.Net.Sockets;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Inspection.Client;

/// <summary>A connection to one node's inspection host: runs commands one at a time and hands their frames to the caller.</summary>
public sealed class InspectionClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private long _nextId;

    private InspectionClient(TcpClient tcp, HelloFrame hello, FrameReader reader, FrameWriter writer)
    {
        _tcp = tcp;
        Hello = hello;
        _reader = reader;
        _writer = writer;
    }

    public HelloFrame Hello { get; }

    /// <exception cref="InspectionUnreachableException">nothing listens there, it does not answer in time, or it is not an inspection host.</exception>
    public static async Task<InspectionClient> ConnectAsync(InspectionEndpoint endpoint, TimeSpan timeout, CancellationToken cancel = default)
    {
        var tcp = new TcpClient { NoDelay = true };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        try
        {
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, limit.Token);
            NetworkStream stream = tcp.GetStream();
            var reader = new FrameReader(stream);
            InspectionFrame? first = await reader.ReadFrameAsync(limit.Token);
            if (first is EndFrame refused) throw new InspectionUnreachableException($"{endpoint} refused the connection: {refused.Error}");
            if (first is not HelloFrame hello) throw new InspectionUnreachableException($"{endpoint} is not a QuantumFlow inspection host");
            if (hello.Protocol != HelloFrame.CurrentProtocol)
                throw new InspectionUnreachableException($"{endpoint} speaks inspection protocol {hello.Protocol}; this client speaks {HelloFrame.CurrentProtocol}");
            return new InspectionClient(tcp, hello, reader, new FrameWriter(stream));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InspectionProtocolException)
        {
            tcp.Dispose();
            string why = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.Message;
            throw new InspectionUnreachableException($"no inspection host at {endpoint}: {why} (is the node running, with --inspect-port {endpoint.Port}?)", e);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one command and passes each of its frames to <paramref name="onFrame"/>. Cancelling asks the server to stop
    /// the command (a tail) and still waits, briefly, for its end frame.
    /// </summary>
    /// <exception cref="InspectionUnreachableException">the connection broke before the command ended.</exception>
    public async Task<EndFrame> RunAsync(IReadOnlyList<string> words, string? token, Action<InspectionFrame> onFrame, CancellationToken cancel = default)
    {
        long id = ++_nextId;
        try
        {
            await _writer.WriteAsync(new RunFrame(id, words, token), CancellationToken.None);
            using CancellationTokenRegistration onCancel = cancel.Register(() => _ = _writer.WriteAsync(new CancelFrame(id), CancellationToken.None));
            while (true)
            {
                using var afterCancel = new CancellationTokenSource();
                using CancellationTokenRegistration limit = cancel.Register(() => afterCancel.CancelAfter(TimeSpan.FromSeconds(5)));
                InspectionFrame frame = await _reader.ReadFrameAsync(afterCancel.Token)
                    ?? throw new InspectionUnreachableException("the inspection host closed the connection before the command ended");
                if (frame.Id != id) continue; // the end of a command cancelled earlier
                if (frame is EndFrame end) return end;
                onFrame(frame);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or InspectionProtocolException or OperationCanceledException)
        {
            throw new InspectionUnreachableException($"lost the inspection host: {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
