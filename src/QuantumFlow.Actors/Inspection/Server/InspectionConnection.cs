using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Akka.Event;
using QuantumFlow.Actors.Inspection.Handlers;
using QuantumFlow.Inspection;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Actors.Inspection.Server;

/// <summary>
/// One client: a hello, then requests one at a time, each answered by its frames and an end frame. The read loop keeps
/// reading while a command runs, so a cancel frame (or the client going away) stops a tail. A client silent past the
/// hello deadline (before its first request) or the idle timeout (no command running) is told so and closed; a client
/// in the kept slot must bring the node's token with its first request.
/// </summary>
internal sealed class InspectionConnection(TcpClient client, CommandDispatcher dispatcher, HelloFrame hello, ILoggingAdapter log, InspectionOptions limits, bool keptSlot)
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
        // Cancels the read when the client stays silent: rescheduled on every frame, paused while a command runs.
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        silence.CancelAfter(limits.HelloDeadline);
        bool first = true;
        try
        {
            await writer.WriteAsync(hello, stopping);
            while (await reader.ReadFrameAsync(silence.Token) is { } frame)
            {
                silence.CancelAfter(limits.IdleTimeout);
                if (first && keptSlot && !(frame is RunFrame withToken && dispatcher.HasTokenOf(withToken.Token)))
                {
                    await TryWriteAsync(writer, new EndFrame(frame.Id, ExitCodes.Failed, InspectionServer.Full));
                    return;
                }
                first = false;
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
                        silence.CancelAfter(Timeout.InfiniteTimeSpan); // a tail may run for hours with nothing to read
                        running = ExecuteAsync(run, writer, busy, silence, runningCancel.Token);
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
        catch (OperationCanceledException) when (silence.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            TimeSpan waited = first ? limits.HelloDeadline : limits.IdleTimeout;
            await TryWriteAsync(writer, new EndFrame(0, ExitCodes.Failed,
                $"no request within {waited.TotalSeconds:0.###} s {(first ? "of connecting" : "of the last one")}: closing this idle connection"));
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

    private async Task ExecuteAsync(RunFrame run, FrameWriter writer, StrongBox<bool> busy, CancellationTokenSource silence, CancellationToken cancel)
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
            // The idle clock restarts before the connection is free: the next command may pause it again at once.
            try
            {
                silence.CancelAfter(limits.IdleTimeout);
            }
            catch (ObjectDisposedException)
            {
                // The connection is already closing.
            }
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
