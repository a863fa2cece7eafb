using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Akka.Event;
using QuantumFlow.Actors.Inspection.Handlers;
using QuantumFlow.Actors.Inspection.Protocol;

namespace QuantumFlow.Actors.Inspection.Server;

/// <summary>
/// One client: a hello, then requests one at a time, each answered by its frames and an end frame. The read loop keeps
/// reading while a command runs, so a cancel frame (or the client going away) stops a tail.
/// </summary>
internal sealed class InspectionConnection(TcpClient client, CommandDispatcher dispatcher, HelloFrame hello, ILoggingAdapter log)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        using TcpClient _ = client;
        NetworkStream stream = client.GetStream();
        var reader = new FrameReader(stream);
        var writer = new FrameWriter(stream);
        Task running = Task.CompletedTask;
        var busy = new StrongBox<bool>();
        CancellationTokenSource? runningCancel = null;
        long runningId = -1;
        try
        {
            await writer.WriteAsync(hello, stopping);
            while (await reader.ReadFrameAsync(stopping) is { } frame)
            {
                switch (frame)
                {
                    case RunFrame run when Volatile.Read(ref busy.Value):
                        await writer.WriteAsync(new EndFrame(run.Id, ExitCodes.Usage, "a command is still running on this connection: cancel it first"), stopping);
                        break;
                    case RunFrame run:
                        runningCancel?.Dispose();
                        runningCancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                        runningId = run.Id;
                        Volatile.Write(ref busy.Value, true);
                        running = ExecuteAsync(run, writer, busy, runningCancel.Token);
                        break;
                    case CancelFrame cancel when cancel.Id == runningId:
                        runningCancel?.Cancel();
                        break;
                    case CancelFrame:
                        break; // a cancel that crossed its command's end frame
                    default:
                        await writer.WriteAsync(new EndFrame(frame.Id, ExitCodes.Usage, $"a client does not send {frame.GetType().Name}"), stopping);
                        break;
                }
            }
        }
        catch (InspectionProtocolException e)
        {
            await TryWriteAsync(writer, new EndFrame(0, ExitCodes.Usage, e.Message));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the node is stopping: nothing to answer.
        }
        finally
        {
            runningCancel?.Cancel();
            try
            {
                await running;
            }
            catch (Exception e)
            {
                log.Debug("inspection command ended with {0}", e.Message);
            }
            runningCancel?.Dispose();
        }
    }

    private async Task ExecuteAsync(RunFrame run, FrameWriter writer, StrongBox<bool> busy, CancellationToken cancel)
    {
        // Off the read loop's continuation: a handler that blocks briefly must not hold up reading the cancel frame.
        await Task.Yield();
        CommandOutcome outcome;
        try
        {
            outcome = await dispatcher.RunAsync(run.Words, run.Token, new FrameOutput(writer, run.Id, cancel), cancel);
        }
        finally
        {
            // Free before the end frame goes out: a client may send its next command the moment it reads that frame.
            Volatile.Write(ref busy.Value, false);
        }
        await TryWriteAsync(writer, new EndFrame(run.Id, outcome.Exit, outcome.Error));
    }

    private static async Task TryWriteAsync(FrameWriter writer, InspectionFrame frame)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await writer.WriteAsync(frame, timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
